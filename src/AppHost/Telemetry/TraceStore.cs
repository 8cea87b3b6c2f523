namespace CareMesh.AppHost.Telemetry;

/// <summary>
/// Spans grouped by trace, in arrival order, bounded by <see cref="TelemetryLimits.MaxTraces"/> and
/// <see cref="TelemetryLimits.MaxSpans"/>: the oldest traces go first, whole. Callers convert spans
/// before adding them, so the lock covers only cheap list and dictionary work.
/// </summary>
public sealed class TraceStore(TelemetryLimits limits)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Trace> byId = new(StringComparer.Ordinal);
    private readonly LinkedList<Trace> arrivals = new();
    private int spanCount;
    private long version;

    /// <summary>Grows with every change: the dashboard refreshes when it moves.</summary>
    public long Version => Interlocked.Read(ref version);

    public (int Traces, int Spans) Counts
    {
        get
        {
            lock (gate)
            {
                return (byId.Count, spanCount);
            }
        }
    }

    public void Add(IReadOnlyList<SpanRecord> spans)
    {
        if (spans.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            foreach (var span in spans)
            {
                if (!byId.TryGetValue(span.TraceId, out var trace))
                {
                    trace = new Trace(span.TraceId);
                    trace.Arrival = arrivals.AddLast(trace);
                    byId.Add(span.TraceId, trace);
                }

                trace.Add(span);
                spanCount++;
            }

            while (byId.Count > limits.MaxTraces || spanCount > limits.MaxSpans)
            {
                var oldest = arrivals.First!.Value;
                arrivals.RemoveFirst();
                byId.Remove(oldest.Id);
                spanCount -= oldest.Spans.Count;
            }

            Interlocked.Increment(ref version);
        }
    }

    /// <summary>The newest traces first that match the query.</summary>
    public IReadOnlyList<TraceSummary> List(TraceQuery query)
    {
        var found = new List<TraceSummary>(Math.Min(query.Limit, 1_000));
        lock (gate)
        {
            for (var node = arrivals.Last; node is not null && found.Count < query.Limit; node = node.Previous)
            {
                var trace = node.Value;
                if (trace.Matches(query))
                {
                    found.Add(trace.Summary());
                }
            }
        }

        return found;
    }

    /// <summary>Every span of the trace, or null when it is unknown or was dropped.</summary>
    public IReadOnlyList<SpanRecord>? Get(string traceId)
    {
        lock (gate)
        {
            return byId.TryGetValue(traceId, out var trace) ? [.. trace.Spans] : null;
        }
    }

    private sealed class Trace(string id)
    {
        private readonly List<string> resources = [];
        private long start = long.MaxValue;
        private long end = long.MinValue;
        private bool hasError;
        private SpanRecord? root;

        public string Id { get; } = id;

        public List<SpanRecord> Spans { get; } = [];

        public LinkedListNode<Trace>? Arrival { get; set; }

        public void Add(SpanRecord span)
        {
            Spans.Add(span);
            start = Math.Min(start, span.StartUnixNano);
            end = Math.Max(end, span.EndUnixNano);
            hasError |= span.IsError;
            if (!resources.Contains(span.Resource))
            {
                resources.Add(span.Resource);
            }

            // Until the root arrives (it ends last, so it is often exported last), the earliest span stands in.
            if (root is null || (!root.IsRoot && (span.IsRoot || span.StartUnixNano < root.StartUnixNano)))
            {
                root = span;
            }
        }

        public bool Matches(TraceQuery query) =>
            (!query.ErrorsOnly || hasError)
            && (query.Resource is null || resources.Contains(query.Resource))
            && (query.Text is null || Spans.Exists(span => span.Name.Contains(query.Text, StringComparison.OrdinalIgnoreCase))
                || Id.StartsWith(query.Text, StringComparison.OrdinalIgnoreCase));

        public TraceSummary Summary() => new(
            Id,
            root!.Name,
            root.Resource,
            [.. resources],
            DateTimeOffset.FromUnixTimeMilliseconds(start / 1_000_000),
            (end - start) / 1e6,
            Spans.Count,
            hasError);
    }
}
