namespace CareMesh.AppHost.Telemetry;

/// <summary>One structured log record from OTLP. The category is the logger's (OTLP's instrumentation scope).</summary>
public sealed record LogEntry(
    long Sequence,
    long TimeUnixNano,
    string Resource,
    string Category,
    int SeverityNumber,
    string Level,
    string Message,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    string TraceId,
    string SpanId)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(TimeUnixNano / 1_000_000);

    /// <summary>OTLP's severity numbers in ranges of four: 1-4 Trace ... 21-24 Critical.</summary>
    public static string LevelOf(int severityNumber) => severityNumber switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "Unspecified",
    };

    /// <summary>The lowest severity number of a level name, for filtering "this level and above".</summary>
    public static int? MinimumSeverityOf(string level) => level.ToLowerInvariant() switch
    {
        "trace" => 1,
        "debug" => 5,
        "information" => 9,
        "warning" => 13,
        "error" => 17,
        "critical" => 21,
        _ => null,
    };
}

public sealed record LogQuery(
    string? Resource = null,
    int MinimumSeverity = 0,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? TraceId = null,
    int Limit = 500);

/// <summary>The latest <see cref="TelemetryLimits.MaxLogs"/> structured log records, oldest dropped first.</summary>
public sealed class LogStore(TelemetryLimits limits)
{
    private readonly Lock gate = new();
    private readonly Ring<LogEntry> entries = new(limits.MaxLogs);
    private long nextSequence = 1;
    private long version;

    public long Version => Interlocked.Read(ref version);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Adds records built without a sequence number (0); each gets the next.</summary>
    public void Add(IReadOnlyList<LogEntry> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            foreach (var record in records)
            {
                entries.Add(record with { Sequence = nextSequence++ });
            }

            Interlocked.Increment(ref version);
        }
    }

    /// <summary>The newest records first that match the query.</summary>
    public IReadOnlyList<LogEntry> Query(LogQuery query)
    {
        var fromNano = query.From?.ToUnixTimeMilliseconds() * 1_000_000 ?? long.MinValue;
        var toNano = query.To?.ToUnixTimeMilliseconds() * 1_000_000 ?? long.MaxValue;
        var found = new List<LogEntry>();
        lock (gate)
        {
            for (var i = entries.Count - 1; i >= 0 && found.Count < query.Limit; i--)
            {
                var entry = entries[i];
                if (entry.SeverityNumber >= query.MinimumSeverity
                    && entry.TimeUnixNano >= fromNano && entry.TimeUnixNano <= toNano
                    && (query.Resource is null || entry.Resource == query.Resource)
                    && (query.TraceId is null || entry.TraceId == query.TraceId)
                    && (query.Text is null || Mentions(entry, query.Text)))
                {
                    found.Add(entry);
                }
            }
        }

        return found;
    }

    private static bool Mentions(LogEntry entry, string text) =>
        entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Attributes.Any(attribute => attribute.Value.Contains(text, StringComparison.OrdinalIgnoreCase));
}
