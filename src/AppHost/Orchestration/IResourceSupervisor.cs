using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Orchestration;

/// <summary>Brings one resource up and keeps it there until told to stop.</summary>
internal interface IResourceSupervisor
{
    Resource Resource { get; }

    /// <summary>Starts in the background and returns at once.</summary>
    void Start();

    /// <summary>Stops for good (nothing is restarted after this); safe before <see cref="Start"/> and more than once.</summary>
    Task StopAsync();
}
