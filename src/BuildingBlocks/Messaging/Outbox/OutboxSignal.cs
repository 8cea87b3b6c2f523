namespace CareMesh.Messaging.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as a transaction that added outbox rows commits, so events leave
/// within milliseconds instead of at the next poll. Many signals before a wait count as one.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will look once, which covers every commit so far.
        }
    }

    /// <summary>Returns when notified or when <paramref name="timeout"/> passes, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _pending.WaitAsync(timeout, cancellationToken);
}
