namespace CareMesh.AppHost.Model;

/// <summary>The result of the latest health probe, kept apart from the lifecycle state as Aspire does.</summary>
public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}
