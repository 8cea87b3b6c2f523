namespace CareMesh.AppHost.Model;

/// <summary>Where a resource listens for HTTP: a fixed port, or (Port null) one the app host asks the OS for.</summary>
public sealed record HttpBinding(string Host, int? Port = null)
{
    /// <summary>Internal services listen on loopback only, on a port chosen at start.</summary>
    public static HttpBinding Loopback { get; } = new("127.0.0.1");
}
