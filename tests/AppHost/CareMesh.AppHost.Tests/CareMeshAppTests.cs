using System.Net;
using System.Net.Sockets;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Tests;

/// <summary>The whole app host, against stand-in servers and projects that have not been built.</summary>
public sealed class CareMeshAppTests : IDisposable
{
    private readonly TcpListener postgres = new(IPAddress.Loopback, 0);
    private readonly TcpListener rabbitmq = new(IPAddress.Loopback, 0);

    public CareMeshAppTests()
    {
        postgres.Start();
        rabbitmq.Start();
    }

    private AppHostOptions Options => new()
    {
        PostgresConnectionString = $"Host=127.0.0.1;Port={Port(postgres)};Username=u;Password=p",
        MessagingConnectionString = $"amqp://u:p@127.0.0.1:{Port(rabbitmq)}",
        GatewayPort = 5099,
        DatabaseSuffix = "_test",
    };

    [Fact]
    public async Task Each_service_gets_its_own_port_and_finds_the_others_on_theirs()
    {
        await using var app = CareMeshApp.Create(Options, TestResources.UnbuiltProjects());
        string[] services = ["referrals", "careplans", "directory", "meetings"];

        var urls = services.Select(name => app.Resources[name].Environment["ASPNETCORE_URLS"]).ToList();

        Assert.Equal(4, urls.Distinct().Count());
        Assert.All(urls, url => Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url));
        Assert.Equal("http://localhost:5099", app.GatewayUrl);
        Assert.Equal(app.Resources["directory"].Endpoints[0], app.Resources["referrals"].Environment["services__directory__http__0"]);
        Assert.All(services, name => Assert.Equal(app.Resources[name].Endpoints[0], app.Resources["gateway"].Environment[$"services__{name}__http__0"]));
        Assert.Equal($"tcp://127.0.0.1:{Port(postgres)}", app.Resources["postgres"].Endpoints[0]);
        Assert.Null(app.InfrastructureScript);
        Assert.All(app.Resources.Values, resource => Assert.Equal(ResourceState.NotStarted, resource.State));
    }

    [Fact]
    public async Task Infrastructure_becomes_healthy_and_unbuilt_projects_fail_the_wait_for_the_gateway()
    {
        await using var app = CareMeshApp.Create(Options, TestResources.UnbuiltProjects());

        await app.StartAsync();
        await app.WaitForHealthyAsync("postgres", TestResources.Patience);
        await app.WaitForHealthyAsync("rabbitmq", TestResources.Patience);
        var failure = await Assert.ThrowsAsync<ResourceFailedException>(() => app.WaitForHealthyAsync("gateway", TestResources.Patience));
        await app.StopAsync();

        Assert.Equal("gateway", failure.ResourceName);
        Assert.Equal(ResourceState.Running, app.Resources["postgres"].State);
        Assert.Equal(ResourceState.FailedToStart, app.Resources["referrals"].State);
        Assert.Contains(app.Resources["referrals"].Logs.Snapshot(), line => line.Text.Contains("CareMesh.referrals.dll does not exist"));
    }

    [Fact]
    public async Task Waiting_for_a_resource_that_does_not_become_healthy_times_out()
    {
        rabbitmq.Stop();
        await using var app = CareMeshApp.Create(Options, TestResources.UnbuiltProjects());

        await app.StartAsync();
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => app.WaitForHealthyAsync("rabbitmq", TimeSpan.FromSeconds(1)));

        Assert.Contains("rabbitmq", timeout.Message);
        Assert.Equal(ResourceHealth.Unhealthy, app.Resources["rabbitmq"].Health);
        Assert.Equal(ResourceState.Starting, app.Resources["rabbitmq"].State);
    }

    public void Dispose()
    {
        postgres.Stop();
        rabbitmq.Stop();
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
}
