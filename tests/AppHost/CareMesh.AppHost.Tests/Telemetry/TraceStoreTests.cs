using CareMesh.AppHost.Telemetry;
using CareMesh.AppHost.Telemetry.Otlp;
using CareMesh.Testing;

namespace CareMesh.AppHost.Tests.Telemetry;

public class TraceStoreTests
{
    [Fact]
    public void Past_the_trace_limit_the_oldest_traces_go_first()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits { MaxTraces = 3 });
        var ids = Enumerable.Range(0, 5).Select(_ => OtlpSamples.NewTraceId()).ToList();

        foreach (var id in ids)
        {
            ingest.Accept(OtlpSamples.Trace("referrals", 2, id));
        }

        var kept = ingest.Traces.List(new TraceQuery()).Select(trace => trace.TraceId).ToList();
        Assert.Equal(ids.Skip(2).Reverse().Select(id => Convert.ToHexStringLower(id.Span)), kept);
        Assert.Null(ingest.Traces.Get(Convert.ToHexStringLower(ids[0].Span)));
        Assert.Equal((3, 6), ingest.Traces.Counts);
    }

    [Fact]
    public void Past_the_span_limit_whole_old_traces_go_until_the_spans_fit()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits { MaxSpans = 25 });

        for (var i = 0; i < 10; i++)
        {
            ingest.Accept(OtlpSamples.Trace("referrals", 10));
        }

        var (traces, spans) = ingest.Traces.Counts;
        Assert.Equal(2, traces);
        Assert.Equal(20, spans);
        Assert.All(ingest.Traces.List(new TraceQuery()), trace => Assert.Equal(10, trace.SpanCount));
    }

    [Fact]
    public void A_trace_is_named_after_its_root_and_lists_every_resource_it_touched()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits());
        var traceId = OtlpSamples.NewTraceId();
        var start = DateTimeOffset.UtcNow;
        var gateway = OtlpSamples.NewSpan(traceId, Google.Protobuf.ByteString.Empty, "POST /api/referrals", Span.Types.SpanKind.Server, start, TimeSpan.FromMilliseconds(40));
        var referrals = OtlpSamples.NewSpan(traceId, gateway.SpanId, "POST /api/referrals/", Span.Types.SpanKind.Server, start.AddMilliseconds(5), TimeSpan.FromMilliseconds(30));
        var consumer = OtlpSamples.NewSpan(traceId, referrals.SpanId, "referral-received receive", Span.Types.SpanKind.Consumer, start.AddMilliseconds(50), TimeSpan.FromMilliseconds(10));
        consumer.Status = new Status { Code = Status.Types.StatusCode.Error };

        // The root ends last, so exporters tend to send it last.
        ingest.Accept(OtlpSamples.Spans("careplans", [consumer]));
        ingest.Accept(OtlpSamples.Spans("referrals", [referrals]));
        ingest.Accept(OtlpSamples.Spans("gateway", [gateway]));

        var summary = Assert.Single(ingest.Traces.List(new TraceQuery()));
        Assert.Equal("POST /api/referrals", summary.Name);
        Assert.Equal("gateway", summary.RootResource);
        Assert.Equal(["careplans", "referrals", "gateway"], summary.Resources);
        Assert.Equal(60, summary.DurationMs, precision: 3);
        Assert.True(summary.HasError);
        Assert.Equal(3, summary.SpanCount);
    }

    [Fact]
    public void The_list_filters_by_resource_text_and_errors()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits());
        ingest.Accept(OtlpSamples.Trace("referrals", 3));
        ingest.Accept(OtlpSamples.Trace("careplans", 3, failed: true));

        Assert.Equal("careplans", Assert.Single(ingest.Traces.List(new TraceQuery(Resource: "careplans"))).RootResource);
        Assert.Equal("careplans", Assert.Single(ingest.Traces.List(new TraceQuery(ErrorsOnly: true))).RootResource);
        Assert.Equal(2, ingest.Traces.List(new TraceQuery(Text: "POSTGRES")).Count);
        Assert.Empty(ingest.Traces.List(new TraceQuery(Text: "no such span")));
        Assert.Single(ingest.Traces.List(new TraceQuery(Limit: 1)));
    }

    [Fact]
    public void Attributes_and_values_are_cut_to_the_limits()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits { MaxAttributes = 2, MaxValueLength = 10 });
        var request = OtlpSamples.Trace("referrals", 1);
        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Attributes.Add(OtlpSamples.Attribute("long", new string('x', 100)));
        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Attributes.Insert(0, OtlpSamples.Attribute("long", new string('x', 100)));

        ingest.Accept(request);

        var span = Assert.Single(ingest.Traces.Get(ingest.Traces.List(new TraceQuery())[0].TraceId)!);
        Assert.Equal(2, span.Attributes.Count);
        Assert.Equal(new string('x', 10) + "…", span.Attributes[0].Value);
    }
}
