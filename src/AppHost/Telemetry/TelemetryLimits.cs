namespace CareMesh.AppHost.Telemetry;

/// <summary>
/// How much telemetry the app host keeps in memory (<c>CareMesh:Dashboard:Limits:*</c>). Every store is
/// count-bounded and drops its oldest entries first, so memory stays bounded whatever the load.
/// </summary>
public sealed record TelemetryLimits
{
    /// <summary>Traces kept; past this the oldest trace goes, with all its spans.</summary>
    public int MaxTraces { get; init; } = 10_000;

    /// <summary>Spans kept across all traces; past this the oldest traces go.</summary>
    public int MaxSpans { get; init; } = 100_000;

    /// <summary>Structured log records kept.</summary>
    public int MaxLogs { get; init; } = 50_000;

    /// <summary>Metric series (an instrument's points for one set of attributes) kept; new series past this are ignored.</summary>
    public int MaxSeries { get; init; } = 1_000;

    /// <summary>Points kept per series: at the services' one-second export, five minutes of history.</summary>
    public int MaxPointsPerSeries { get; init; } = 300;

    /// <summary>Attributes kept per span, event or log record.</summary>
    public int MaxAttributes { get; init; } = 32;

    /// <summary>Characters kept of an attribute value or log message.</summary>
    public int MaxValueLength { get; init; } = 2_048;

    /// <summary>Events kept per span.</summary>
    public int MaxSpanEvents { get; init; } = 32;

    internal void Validate()
    {
        int[] limits = [MaxTraces, MaxSpans, MaxLogs, MaxSeries, MaxPointsPerSeries, MaxAttributes, MaxValueLength, MaxSpanEvents];
        if (limits.Any(limit => limit <= 0))
        {
            throw new ArgumentException("Every telemetry limit must be positive.");
        }
    }
}
