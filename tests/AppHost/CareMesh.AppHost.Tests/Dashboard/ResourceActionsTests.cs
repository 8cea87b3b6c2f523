using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareMesh.AppHost.Tests.Dashboard;

/// <summary>The resources API and its actions, over an app host whose projects are not built (none can run).</summary>
public sealed class ResourceActionsTests : IAsyncLifetime
{
    private DashboardHost host = null!;

    public async Task InitializeAsync() => host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Every_resource_is_listed_with_type_state_health_and_endpoints()
    {
        using var client = await host.SignedInAsync();

        var resources = await client.GetFromJsonAsync<JsonElement>("/api/resources");

        Assert.Equal(["postgres", "rabbitmq", "referrals", "careplans", "directory", "meetings", "gateway"],
            resources.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var postgres = resources[0];
        Assert.Equal("PostgreSQL", postgres.GetProperty("type").GetString());
        Assert.Equal("NotStarted", postgres.GetProperty("state").GetString());
        Assert.Equal("Unknown", postgres.GetProperty("health").GetString());
        Assert.False(postgres.GetProperty("canControl").GetBoolean());
        var gateway = resources[6];
        Assert.True(gateway.GetProperty("canControl").GetBoolean());
        Assert.Equal(4, gateway.GetProperty("waitsFor").GetArrayLength());
        Assert.Equal(host.App.GatewayUrl, gateway.GetProperty("endpoints")[0].GetString());
    }

    [Fact]
    public async Task Starting_a_service_runs_it_and_its_failure_shows_in_its_state_and_console()
    {
        using var client = await host.SignedInAsync();

        var started = await client.PostAsync("/api/resources/meetings/start", null);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        // Not built: the launch fails, which the resource's state and log say.
        await host.App.Resources["meetings"].WaitUntil(snapshot => snapshot.State != Model.ResourceState.NotStarted);
        Assert.NotEqual(Model.ResourceState.NotStarted, host.App.Resources["meetings"].State);
    }

    [Fact]
    public async Task Actions_on_unknown_resources_infrastructure_or_unknown_verbs_are_refused_with_problems()
    {
        using var client = await host.SignedInAsync();

        var unknown = await client.PostAsync("/api/resources/nope/stop", null);
        var infrastructure = await client.PostAsync("/api/resources/postgres/stop", null);
        var verb = await client.PostAsync("/api/resources/referrals/explode", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, infrastructure.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, verb.StatusCode);
        Assert.All([unknown, infrastructure, verb], response => Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType));
        Assert.Equal(Model.ResourceState.NotStarted, host.App.Resources["referrals"].State);
    }

    [Theory]
    [InlineData("/api/traces?limit=0")]
    [InlineData("/api/logs?level=loud")]
    [InlineData("/api/logs?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/api/logs?from=yesterday")]
    public async Task Bad_query_parameters_get_a_400_problem(string path)
    {
        using var client = await host.SignedInAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_trace_or_instrument_is_a_404_problem()
    {
        using var client = await host.SignedInAsync();

        var trace = await client.GetAsync("/api/traces/0123456789abcdef0123456789abcdef");
        var instrument = await client.GetAsync("/api/metrics/referrals/nope");

        Assert.Equal(HttpStatusCode.NotFound, trace.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, instrument.StatusCode);
    }
}
