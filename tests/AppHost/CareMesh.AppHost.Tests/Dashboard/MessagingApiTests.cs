using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Testing;

namespace CareMesh.AppHost.Tests.Dashboard;

/// <summary>The messaging API over a broker that cannot be reached (the host's management API is at port 1): bad input and an absent broker.</summary>
public sealed class MessagingApiTests : IAsyncLifetime
{
    private DashboardHost host = null!;

    public async Task InitializeAsync() => host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_unreachable_broker_is_reported_on_the_page_and_outboxes_still_show_from_telemetry()
    {
        host.Telemetry.Accept(OtlpSamples.Metrics("referrals",
            OtlpSamples.Gauge("caremesh.outbox.pending", 12, DateTimeOffset.UtcNow),
            OtlpSamples.Gauge("caremesh.outbox.oldest_pending_age", 42.5, DateTimeOffset.UtcNow)));
        using var client = await host.SignedInAsync();

        var view = await client.GetFromJsonAsync<JsonElement>("/api/messaging");

        Assert.Contains("management API could not be read", view.GetProperty("brokerError").GetString());
        Assert.Equal(0, view.GetProperty("queues").GetArrayLength());
        var outbox = Assert.Single(view.GetProperty("outboxes").EnumerateArray());
        Assert.Equal("referrals", outbox.GetProperty("resource").GetString());
        Assert.Equal(12, outbox.GetProperty("pending").GetDouble());
        Assert.Equal(42.5, outbox.GetProperty("oldestPendingAgeSeconds").GetDouble());
    }

    [Fact]
    public async Task Only_error_queues_are_moved_back_and_peeks_are_bounded()
    {
        using var client = await host.SignedInAsync();

        var notAnErrorQueue = await client.PostAsync("/api/messaging/queues/referral-received/requeue", null);
        var tooMany = await client.GetAsync("/api/messaging/queues/referral-received_error/messages?count=1000");

        Assert.Equal(HttpStatusCode.BadRequest, notAnErrorQueue.StatusCode);
        Assert.Contains("not an error queue", await notAnErrorQueue.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }
}
