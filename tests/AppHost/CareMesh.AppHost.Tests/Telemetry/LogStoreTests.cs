using CareMesh.AppHost.Telemetry;
using CareMesh.Testing;

namespace CareMesh.AppHost.Tests.Telemetry;

public class LogStoreTests
{
    [Fact]
    public void Past_the_limit_the_oldest_records_go_first()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits { MaxLogs = 10 });

        ingest.Accept(OtlpSamples.Logs("referrals", 25));

        var kept = ingest.Logs.Query(new LogQuery());
        Assert.Equal(10, ingest.Logs.Count);
        Assert.Equal(Enumerable.Range(15, 10).Reverse().Select(i => $"Referral {i} received"), kept.Select(entry => entry.Message));
        Assert.Equal(25, kept[0].Sequence);
    }

    [Fact]
    public void Records_filter_by_resource_level_text_time_and_trace()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits());
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-10);
        var traceId = OtlpSamples.NewTraceId();
        ingest.Accept(OtlpSamples.Logs("referrals", 1, severity: 9, time: earlier, message: "Referral accepted"));
        ingest.Accept(OtlpSamples.Logs("careplans", 1, severity: 17, message: "Plan could not be opened"));
        ingest.Accept(OtlpSamples.Logs("careplans", 1, severity: 13, traceId: traceId, message: "Slow directory look-up"));

        Assert.Equal(2, ingest.Logs.Query(new LogQuery(Resource: "careplans")).Count);
        Assert.Equal("Plan could not be opened", Assert.Single(ingest.Logs.Query(new LogQuery(MinimumSeverity: 17))).Message);
        Assert.Equal("Error", ingest.Logs.Query(new LogQuery(MinimumSeverity: 17))[0].Level);
        Assert.Equal("Referral accepted", Assert.Single(ingest.Logs.Query(new LogQuery(Text: "ACCEPTED"))).Message);
        Assert.Equal("Referral accepted", Assert.Single(ingest.Logs.Query(new LogQuery(To: earlier.AddMinutes(1)))).Message);
        Assert.Equal(2, ingest.Logs.Query(new LogQuery(From: earlier.AddMinutes(1))).Count);
        var traced = Assert.Single(ingest.Logs.Query(new LogQuery(TraceId: Convert.ToHexStringLower(traceId.Span))));
        Assert.Equal("Slow directory look-up", traced.Message);
        Assert.Equal("Warning", traced.Level);
        Assert.Equal("CareMesh.Referrals.Intake", traced.Category);
    }

    [Theory]
    [InlineData(1, "Trace")]
    [InlineData(8, "Debug")]
    [InlineData(9, "Information")]
    [InlineData(16, "Warning")]
    [InlineData(20, "Error")]
    [InlineData(24, "Critical")]
    [InlineData(0, "Unspecified")]
    public void Severity_numbers_map_onto_levels_in_fours(int severity, string level) =>
        Assert.Equal(level, LogEntry.LevelOf(severity));
}
