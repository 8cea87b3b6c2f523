namespace CareMesh.AppHost.Model;

/// <summary>A resource's changing state at one moment; replaced whole on every change.</summary>
public sealed record ResourceSnapshot
{
    public ResourceState State { get; init; } = ResourceState.NotStarted;

    public ResourceHealth Health { get; init; } = ResourceHealth.Unknown;

    /// <summary>The live process, if the resource is a process and one is running.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The exit code of the process's latest run, once it has ended.</summary>
    public int? ExitCode { get; init; }

    /// <summary>How many times the app host has restarted the process after it ended unexpectedly.</summary>
    public int RestartCount { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the current run first became healthy; long healthy runs reset the restart back-off.</summary>
    public DateTimeOffset? HealthySince { get; init; }
}

/// <summary>One change to a resource, as its subscribers see it.</summary>
public sealed record ResourceChange(Resource Resource, ResourceSnapshot Previous, ResourceSnapshot Current);
