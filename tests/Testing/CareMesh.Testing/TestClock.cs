namespace CareMesh.Testing;

/// <summary>
/// The clock of a service under test: real time plus an offset the test moves forward, so deadlines
/// (reviews due, escalations unacknowledged, actions overdue) can be reached without waiting, while
/// everything that waits on timers (the outbox, retries) keeps running on real time.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward (or back) by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Sets the clock so that it reads <paramref name="instant"/> now.</summary>
    public void SetTo(DateTimeOffset instant) => Interlocked.Exchange(ref _offsetTicks, (instant - System.GetUtcNow()).Ticks);

    /// <summary>Back to real time.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
