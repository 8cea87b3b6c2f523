using CareMesh.AppHost.Telemetry;
using CareMesh.Testing;

namespace CareMesh.AppHost.Tests.Telemetry;

public class MetricStoreTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddMinutes(-5);

    [Fact]
    public void Each_series_keeps_only_its_latest_points()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits { MaxPointsPerSeries = 4 });

        for (var i = 0; i < 10; i++)
        {
            ingest.Accept(OtlpSamples.Metrics("referrals", OtlpSamples.Gauge("caremesh.outbox.pending", i, Start.AddSeconds(i))));
        }

        var series = Assert.Single(ingest.Metrics.Get("referrals", "caremesh.outbox.pending")!.Series);
        Assert.Equal([6.0, 7, 8, 9], series.Points.Select(point => point.Value));
        Assert.Equal(9, ingest.Metrics.Latest("referrals", "caremesh.outbox.pending"));
    }

    [Fact]
    public void A_full_store_takes_no_new_series_but_still_adds_points_to_the_ones_it_has()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits { MaxSeries = 2 });

        for (var route = 0; route < 5; route++)
        {
            ingest.Accept(OtlpSamples.Metrics("referrals", OtlpSamples.Counter("requests", 1, Start, Start.AddSeconds(1), OtlpSamples.Attribute("route", $"/r{route}"))));
        }

        ingest.Accept(OtlpSamples.Metrics("referrals", OtlpSamples.Counter("requests", 5, Start, Start.AddSeconds(2), OtlpSamples.Attribute("route", "/r0"))));

        var instrument = ingest.Metrics.Get("referrals", "requests")!;
        Assert.Equal(["route=/r0", "route=/r1"], instrument.Series.Select(series => series.Key));
        Assert.Equal(2, instrument.Series[0].Points.Count);
        Assert.Equal(InstrumentType.Counter, instrument.Info.Type);
        Assert.Null(ingest.Metrics.Get("careplans", "requests"));
    }

    [Fact]
    public void A_cumulative_counter_charts_as_a_rate_and_a_restart_does_not_show_as_a_negative_one()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits());
        var restartedAt = Start.AddSeconds(3);
        ingest.Accept(OtlpSamples.Metrics("referrals", OtlpSamples.Counter("requests", 10, Start, Start.AddSeconds(1))));
        ingest.Accept(OtlpSamples.Metrics("referrals", OtlpSamples.Counter("requests", 30, Start, Start.AddSeconds(2))));
        ingest.Accept(OtlpSamples.Metrics("referrals", OtlpSamples.Counter("requests", 2, restartedAt, Start.AddSeconds(4))));
        ingest.Accept(OtlpSamples.Metrics("referrals", OtlpSamples.Counter("requests", 6, restartedAt, Start.AddSeconds(6))));

        var chart = Assert.Single(MetricCharts.For(ingest.Metrics.Get("referrals", "requests")!));

        Assert.Equal("{request}/s", chart.Unit);
        Assert.Equal([20.0, 2.0], Assert.Single(chart.Lines).Points.Select(point => point[1]));
    }

    [Fact]
    public void A_histogram_charts_request_and_error_rates_and_latency_percentiles_in_milliseconds()
    {
        var ingest = new TelemetryIngest(new TelemetryLimits());
        var ok = OtlpSamples.Attribute("http.response.status_code", 200);
        var failed = OtlpSamples.Attribute("http.response.status_code", 503);
        var first = Start.AddSeconds(1);
        var second = Start.AddSeconds(3);
        ingest.Accept(OtlpSamples.Metrics("gateway",
            OtlpSamples.Histogram("http.server.request.duration", [0, 0, 0, 0], 0, Start, first, ok),
            OtlpSamples.Histogram("http.server.request.duration", [0, 0, 0, 0], 0, Start, first, failed)));
        // Two seconds later: 100 requests under 10 ms, 10 failed ones between 50 and 100 ms.
        ingest.Accept(OtlpSamples.Metrics("gateway",
            OtlpSamples.Histogram("http.server.request.duration", [100, 0, 0, 0], 0.5, Start, second, ok),
            OtlpSamples.Histogram("http.server.request.duration", [0, 0, 10, 0], 0.8, Start, second, failed)));

        var charts = MetricCharts.For(ingest.Metrics.Get("gateway", "http.server.request.duration")!);

        var rate = charts.Single(chart => chart.Title.EndsWith("rate", StringComparison.Ordinal));
        Assert.Equal(55, rate.Lines.Single(line => line.Name == "all").Points.Single()[1]);
        Assert.Equal(5, rate.Lines.Single(line => line.Name == "errors").Points.Single()[1]);
        var latency = charts.Single(chart => chart.Title.EndsWith("latency", StringComparison.Ordinal));
        Assert.Equal("ms", latency.Unit);
        Assert.Equal(5.5, latency.Lines.Single(line => line.Name == "p50").Points.Single()[1], precision: 6);
        Assert.Equal(72.5, latency.Lines.Single(line => line.Name == "p95").Points.Single()[1], precision: 6);
        Assert.Equal(1300.0 / 110, latency.Lines.Single(line => line.Name == "mean").Points.Single()[1], precision: 3);
    }
}
