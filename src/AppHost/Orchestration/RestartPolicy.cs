namespace CareMesh.AppHost.Orchestration;

/// <summary>
/// Exponential back-off between restarts of a process that keeps ending: <see cref="InitialDelay"/>,
/// doubled on each consecutive failure up to <see cref="MaxDelay"/>, and back to the start once a run
/// has stayed healthy for <see cref="StableAfter"/>.
/// </summary>
public sealed record RestartPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan StableAfter)
{
    public static RestartPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    /// <summary>The wait before restarting after the given number of consecutive failures (1 or more).</summary>
    public TimeSpan DelayBefore(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        // Past 2^30 any sensible initial delay is beyond the cap; stopping there keeps the sum finite.
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
    }

    /// <summary>
    /// Counts a failure that ended a run which had been healthy for <paramref name="healthyFor"/>
    /// (null: never healthy): a long healthy run starts the count again.
    /// </summary>
    public int ConsecutiveFailures(int previousFailures, TimeSpan? healthyFor) =>
        healthyFor >= StableAfter ? 1 : previousFailures + 1;
}
