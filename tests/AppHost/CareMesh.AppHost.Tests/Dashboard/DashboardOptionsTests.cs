using CareMesh.AppHost.Dashboard;
using Microsoft.Extensions.Configuration;

namespace CareMesh.AppHost.Tests.Dashboard;

public class DashboardOptionsTests
{
    private static DashboardOptions Map(Dictionary<string, string?> values) =>
        DashboardOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void By_default_the_dashboard_binds_loopback_on_aspires_ports_with_a_fresh_otlp_key_each_run()
    {
        var first = Map([]);
        var second = Map([]);

        Assert.Equal("http://127.0.0.1:18888", first.Url);
        Assert.Equal("http://127.0.0.1:18890", first.OtlpHttpEndpoint);
        Assert.Equal(18889, first.OtlpGrpcPort);
        Assert.Null(first.BrowserToken);
        Assert.Matches("^[0-9a-f]{32}$", first.OtlpApiKey);
        Assert.NotEqual(first.OtlpApiKey, second.OtlpApiKey);
        Assert.Equal($"x-otlp-api-key={first.OtlpApiKey}", first.OtlpHeaders);
        Assert.Equal(100_000, first.Limits.MaxSpans);
    }

    [Fact]
    public void Configuration_sets_ports_token_key_and_limits_and_a_wildcard_bind_is_reached_through_loopback()
    {
        var options = Map(new()
        {
            ["CareMesh:Dashboard:Host"] = "0.0.0.0",
            ["CareMesh:Dashboard:Port"] = "19000",
            ["CareMesh:Dashboard:OtlpHttpPort"] = "19002",
            ["CareMesh:Dashboard:BrowserToken"] = "t",
            ["CareMesh:Dashboard:OtlpApiKey"] = "k",
            ["CareMesh:Dashboard:Limits:MaxSpans"] = "500",
        });

        Assert.Equal("http://127.0.0.1:19000", options.Url);
        Assert.Equal("http://127.0.0.1:19002", options.OtlpHttpEndpoint);
        Assert.Equal("t", options.BrowserToken);
        Assert.Equal("k", options.OtlpApiKey);
        Assert.Equal(500, options.Limits.MaxSpans);
        Assert.Equal(10_000, options.Limits.MaxTraces);
    }

    [Fact]
    public void A_limit_that_is_not_positive_is_refused_at_start() =>
        Assert.Throws<ArgumentException>(() => Map(new() { ["CareMesh:Dashboard:Limits:MaxLogs"] = "0" }));
}
