namespace CareMesh.AppHost.Telemetry;

/// <summary>One span as the dashboard keeps it: ids in lower-case hex, times in Unix nanoseconds.</summary>
public sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Resource,
    string Scope,
    string Name,
    string Kind,
    long StartUnixNano,
    long EndUnixNano,
    bool IsError,
    string StatusMessage,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<SpanEvent> Events)
{
    public bool IsRoot => ParentSpanId.Length == 0;
}

public sealed record SpanEvent(long TimeUnixNano, string Name, IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>A trace in the list: named after its root span, with every resource it touched.</summary>
public sealed record TraceSummary(
    string TraceId,
    string Name,
    string RootResource,
    IReadOnlyList<string> Resources,
    DateTimeOffset Start,
    double DurationMs,
    int SpanCount,
    bool HasError);

public sealed record TraceQuery(string? Resource = null, string? Text = null, bool ErrorsOnly = false, int Limit = 200);
