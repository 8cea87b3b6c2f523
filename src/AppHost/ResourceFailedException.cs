namespace CareMesh.AppHost;

/// <summary>A resource that was awaited cannot become healthy: it, or something it waits for, failed to start.</summary>
public sealed class ResourceFailedException(string resourceName, string message) : Exception(message)
{
    public string ResourceName { get; } = resourceName;
}
