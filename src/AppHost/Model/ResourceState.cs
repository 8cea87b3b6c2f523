namespace CareMesh.AppHost.Model;

/// <summary>A resource's lifecycle state, named exactly as .NET Aspire names them.</summary>
public enum ResourceState
{
    NotStarted,

    /// <summary>Not started yet because a resource it waits for is not healthy yet.</summary>
    Waiting,

    /// <summary>Launched (or being connected to) but not yet healthy.</summary>
    Starting,

    /// <summary>Has been healthy at least once since it was last started.</summary>
    Running,

    /// <summary>Aspire's state for an unusable container runtime; this app host runs no containers.</summary>
    RuntimeUnhealthy,

    Stopping,

    /// <summary>The process ended with a non-zero exit code.</summary>
    Exited,

    /// <summary>The process ended with exit code 0.</summary>
    Finished,

    /// <summary>Could not be started, and will not be retried (missing build, failed dependency, failed script).</summary>
    FailedToStart,
}
