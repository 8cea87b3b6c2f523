using CareMesh.AppHost.Telemetry.Otlp;

namespace CareMesh.AppHost.Telemetry;

/// <summary>
/// Turns OTLP export requests into the stores' compact records, outside any lock, then adds each
/// request's records in one go. Shared by the HTTP/protobuf and gRPC receivers.
/// </summary>
public sealed class TelemetryIngest(TelemetryLimits limits)
{
    private readonly OtlpValues values = new(limits);

    public TraceStore Traces { get; } = new(limits);

    public LogStore Logs { get; } = new(limits);

    public MetricStore Metrics { get; } = new(limits);

    public int Accept(ExportTraceServiceRequest request)
    {
        var spans = new List<SpanRecord>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = values.ServiceName(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = values.Pooled(scopeSpans.Scope?.Name ?? "");
                foreach (var span in scopeSpans.Spans)
                {
                    spans.Add(new SpanRecord(
                        OtlpValues.Hex(span.TraceId),
                        OtlpValues.Hex(span.SpanId),
                        OtlpValues.Hex(span.ParentSpanId),
                        resource,
                        scope,
                        values.Pooled(span.Name),
                        KindOf(span.Kind),
                        (long)span.StartTimeUnixNano,
                        (long)Math.Max(span.EndTimeUnixNano, span.StartTimeUnixNano),
                        span.Status?.Code == Status.Types.StatusCode.Error,
                        span.Status?.Message ?? "",
                        values.Attributes(span.Attributes),
                        [.. span.Events.Take(limits.MaxSpanEvents).Select(e => new SpanEvent((long)e.TimeUnixNano, values.Pooled(e.Name), values.Attributes(e.Attributes)))]));
                }
            }
        }

        Traces.Add(spans);
        return spans.Count;
    }

    public int Accept(ExportLogsServiceRequest request)
    {
        var records = new List<LogEntry>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = values.ServiceName(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var category = values.Pooled(scopeLogs.Scope?.Name ?? "");
                foreach (var log in scopeLogs.LogRecords)
                {
                    var severity = log.SeverityNumber;
                    records.Add(new LogEntry(
                        0,
                        (long)(log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano),
                        resource,
                        category,
                        severity,
                        severity == 0 && log.SeverityText.Length > 0 ? values.Pooled(log.SeverityText) : LogEntry.LevelOf(severity),
                        values.Text(log.Body),
                        values.Attributes(log.Attributes),
                        OtlpValues.Hex(log.TraceId),
                        OtlpValues.Hex(log.SpanId)));
                }
            }
        }

        Logs.Add(records);
        return records.Count;
    }

    public int Accept(ExportMetricsServiceRequest request)
    {
        var samples = new List<MetricSample>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = values.ServiceName(resourceMetrics.Resource);
            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(scope => scope.Metrics))
            {
                var name = values.Pooled(metric.Name);
                var unit = values.Pooled(metric.Unit);
                var description = values.Pooled(metric.Description);
                MetricSample Sample(InstrumentType type, bool cumulative, Google.Protobuf.Collections.RepeatedField<KeyValue> attributes, MetricPoint point, double[]? bounds = null) =>
                    new(resource, name, unit, description, type, cumulative, values.Attributes(attributes), bounds, point);

                switch (metric.DataCase)
                {
                    case Metric.DataOneofCase.Gauge:
                        samples.AddRange(metric.Gauge.DataPoints.Select(p => Sample(InstrumentType.Gauge, false, p.Attributes, Number(p))));
                        break;
                    case Metric.DataOneofCase.Sum:
                        var type = metric.Sum.IsMonotonic ? InstrumentType.Counter : InstrumentType.UpDownCounter;
                        var cumulative = metric.Sum.AggregationTemporality == AggregationTemporality.Cumulative;
                        samples.AddRange(metric.Sum.DataPoints.Select(p => Sample(type, cumulative, p.Attributes, Number(p))));
                        break;
                    case Metric.DataOneofCase.Histogram:
                        var cumulativeHistogram = metric.Histogram.AggregationTemporality == AggregationTemporality.Cumulative;
                        samples.AddRange(metric.Histogram.DataPoints.Select(p => Sample(
                            InstrumentType.Histogram, cumulativeHistogram, p.Attributes,
                            new MetricPoint((long)p.StartTimeUnixNano, (long)p.TimeUnixNano, p.Sum, (long)p.Count,
                                p.BucketCounts.Count > 0 ? [.. p.BucketCounts.Select(count => (long)count)] : null),
                            p.ExplicitBounds.Count > 0 ? [.. p.ExplicitBounds] : null)));
                        break;
                    case Metric.DataOneofCase.ExponentialHistogram:
                        var cumulativeExponential = metric.ExponentialHistogram.AggregationTemporality == AggregationTemporality.Cumulative;
                        samples.AddRange(metric.ExponentialHistogram.DataPoints.Select(p => Sample(
                            InstrumentType.Histogram, cumulativeExponential, p.Attributes,
                            new MetricPoint((long)p.StartTimeUnixNano, (long)p.TimeUnixNano, p.Sum, (long)p.Count))));
                        break;
                    case Metric.DataOneofCase.Summary:
                        samples.AddRange(metric.Summary.DataPoints.Select(p => Sample(
                            InstrumentType.Histogram, true, p.Attributes,
                            new MetricPoint((long)p.StartTimeUnixNano, (long)p.TimeUnixNano, p.Sum, (long)p.Count))));
                        break;
                }
            }
        }

        Metrics.Add(samples);
        return samples.Count;
    }

    private static MetricPoint Number(NumberDataPoint point) => new(
        (long)point.StartTimeUnixNano,
        (long)point.TimeUnixNano,
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble);

    private static string KindOf(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "server",
        Span.Types.SpanKind.Client => "client",
        Span.Types.SpanKind.Producer => "producer",
        Span.Types.SpanKind.Consumer => "consumer",
        _ => "internal",
    };
}
