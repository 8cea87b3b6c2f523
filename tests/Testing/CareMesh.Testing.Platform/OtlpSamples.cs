using System.Security.Cryptography;
using CareMesh.AppHost.Telemetry.Otlp;
using Google.Protobuf;

namespace CareMesh.Testing;

/// <summary>OTLP export requests as a service's exporter would send them, for tests and the dashboard benchmark.</summary>
public static class OtlpSamples
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    public static ByteString NewTraceId() => ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16));

    public static ByteString NewSpanId() => ByteString.CopyFrom(RandomNumberGenerator.GetBytes(8));

    public static ulong UnixNano(DateTimeOffset time) => (ulong)((time - Epoch).Ticks * 100);

    public static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attribute(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static Resource Service(string name) => new() { Attributes = { Attribute("service.name", name), Attribute("service.instance.id", $"{name}-test") } };

    /// <summary>
    /// One trace of <paramref name="spanCount"/> spans from <paramref name="service"/>: a server span whose
    /// children are database calls, each child of the one before in groups of ten, as an instrumented request's are.
    /// </summary>
    public static ExportTraceServiceRequest Trace(string service, int spanCount, ByteString? traceId = null, DateTimeOffset? start = null, bool failed = false)
    {
        var trace = traceId ?? NewTraceId();
        var began = start ?? DateTimeOffset.UtcNow;
        var root = NewSpan(trace, ByteString.Empty, "GET /api/referrals", Span.Types.SpanKind.Server, began, TimeSpan.FromMilliseconds(spanCount + 10));
        root.Attributes.Add(Attribute("http.request.method", "GET"));
        root.Attributes.Add(Attribute("http.response.status_code", failed ? 500 : 200));
        root.Events.Add(new Span.Types.Event { Name = "request.started", TimeUnixNano = UnixNano(began) });
        if (failed)
        {
            root.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" };
        }

        var spans = new List<Span> { root };
        for (var i = 1; i < spanCount; i++)
        {
            var parent = i % 10 == 1 ? root.SpanId : spans[^1].SpanId;
            var span = NewSpan(trace, parent, "postgresql", Span.Types.SpanKind.Client, began.AddMilliseconds(i), TimeSpan.FromMilliseconds(0.8));
            span.Attributes.Add(Attribute("db.system.name", "postgresql"));
            span.Attributes.Add(Attribute("db.query.text", "SELECT r.id, r.nhs_number, r.status FROM referrals AS r WHERE r.id = @p0"));
            spans.Add(span);
        }

        return Spans(service, spans);
    }

    public static ExportTraceServiceRequest Spans(string service, IEnumerable<Span> spans) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = Service(service),
                ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore" }, Spans = { spans } } },
            },
        },
    };

    public static Span NewSpan(ByteString traceId, ByteString parentSpanId, string name, Span.Types.SpanKind kind, DateTimeOffset start, TimeSpan duration) => new()
    {
        TraceId = traceId,
        SpanId = NewSpanId(),
        ParentSpanId = parentSpanId,
        Name = name,
        Kind = kind,
        StartTimeUnixNano = UnixNano(start),
        EndTimeUnixNano = UnixNano(start + duration),
        Attributes = { Attribute("server.address", "127.0.0.1"), Attribute("network.protocol.version", "1.1") },
    };

    /// <summary><paramref name="count"/> log records from <paramref name="service"/>, numbered in their message.</summary>
    public static ExportLogsServiceRequest Logs(string service, int count, int severity = 9, ByteString? traceId = null, DateTimeOffset? time = null, string message = "Referral {0} received")
    {
        var at = time ?? DateTimeOffset.UtcNow;
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = "CareMesh.Referrals.Intake" } };
        for (var i = 0; i < count; i++)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = UnixNano(at),
                SeverityNumber = severity,
                Body = new AnyValue { StringValue = string.Format(System.Globalization.CultureInfo.InvariantCulture, message, i) },
                Attributes = { Attribute("ReferralNumber", i), Attribute("{OriginalFormat}", message) },
                TraceId = traceId ?? ByteString.Empty,
                SpanId = traceId is null ? ByteString.Empty : NewSpanId(),
            });
        }

        return new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { Resource = Service(service), ScopeLogs = { scope } } } };
    }

    public static ExportMetricsServiceRequest Metrics(string service, params Metric[] metrics) => new()
    {
        ResourceMetrics = { new ResourceMetrics { Resource = Service(service), ScopeMetrics = { new ScopeMetrics { Metrics = { metrics } } } } },
    };

    public static Metric Gauge(string name, double value, DateTimeOffset time) => new()
    {
        Name = name,
        Unit = "{message}",
        Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = value, TimeUnixNano = UnixNano(time) } } },
    };

    /// <summary>A cumulative counter's running total at <paramref name="time"/>, counted since <paramref name="since"/>.</summary>
    public static Metric Counter(string name, long total, DateTimeOffset since, DateTimeOffset time, params KeyValue[] attributes) => new()
    {
        Name = name,
        Unit = "{request}",
        Sum = new Sum
        {
            IsMonotonic = true,
            AggregationTemporality = AggregationTemporality.Cumulative,
            DataPoints = { new NumberDataPoint { AsInt = total, StartTimeUnixNano = UnixNano(since), TimeUnixNano = UnixNano(time), Attributes = { attributes } } },
        },
    };

    /// <summary>A cumulative histogram in seconds with buckets bounded at 10, 50 and 100 ms.</summary>
    public static Metric Histogram(string name, long[] bucketCounts, double sum, DateTimeOffset since, DateTimeOffset time, params KeyValue[] attributes) => new()
    {
        Name = name,
        Unit = "s",
        Histogram = new Histogram
        {
            AggregationTemporality = AggregationTemporality.Cumulative,
            DataPoints =
            {
                new HistogramDataPoint
                {
                    StartTimeUnixNano = UnixNano(since),
                    TimeUnixNano = UnixNano(time),
                    Count = (ulong)bucketCounts.Sum(),
                    Sum = sum,
                    ExplicitBounds = { 0.01, 0.05, 0.1 },
                    BucketCounts = { bucketCounts.Select(count => (ulong)count) },
                    Attributes = { attributes },
                },
            },
        },
    };
}
