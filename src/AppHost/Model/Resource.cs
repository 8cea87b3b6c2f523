namespace CareMesh.AppHost.Model;

/// <summary>
/// A running resource as the app host, its console and (later) its dashboard see it: fixed facts
/// (definition, endpoints, injected environment), the latest <see cref="ResourceSnapshot"/>, and the log.
/// </summary>
public sealed class Resource(
    ResourceDefinition definition,
    IReadOnlyList<string> endpoints,
    IReadOnlyDictionary<string, string> environment,
    ResourceLog? log = null)
{
    // Changes are serialised by the lock; reads are not, so a subscriber may read any resource's
    // state while handling a change without risking a lock-order deadlock.
    private readonly Lock gate = new();
    private volatile ResourceSnapshot current = new();

    public ResourceDefinition Definition { get; } = definition;

    public string Name => Definition.Name;

    public ResourceKind Kind => Definition.Kind;

    /// <summary>URLs the resource answers on (http for projects, tcp/amqp for infrastructure).</summary>
    public IReadOnlyList<string> Endpoints { get; } = endpoints;

    /// <summary>The variables the app host sets for the process, on top of its own environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public ResourceLog Logs { get; } = log ?? new ResourceLog();

    public ResourceSnapshot Current => current;

    public ResourceState State => Current.State;

    public ResourceHealth Health => Current.Health;

    public int? ProcessId => Current.ProcessId;

    public int RestartCount => Current.RestartCount;

    /// <summary>
    /// Raised after every change, in order, while the change is still the latest. Handlers must be quick
    /// and must not block: they run on the thread that made the change.
    /// </summary>
    public event Action<ResourceChange>? Changed;

    /// <summary>Applies a change atomically and tells subscribers; returns the resulting snapshot.</summary>
    public ResourceSnapshot Update(Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        lock (gate)
        {
            var previous = current;
            current = change(previous);
            if (current != previous)
            {
                Changed?.Invoke(new ResourceChange(this, previous, current));
            }

            return current;
        }
    }

    /// <summary>Completes with the first snapshot (the current one included) that meets the condition.</summary>
    public async Task<ResourceSnapshot> WaitUntilAsync(Func<ResourceSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource<ResourceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(ResourceChange change)
        {
            if (condition(change.Current))
            {
                reached.TrySetResult(change.Current);
            }
        }

        lock (gate)
        {
            if (condition(current))
            {
                return current;
            }

            Changed += OnChanged;
        }

        try
        {
            return await reached.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    public override string ToString() => $"{Name} ({State}, {Health})";
}
