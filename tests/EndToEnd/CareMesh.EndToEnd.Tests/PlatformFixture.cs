using CareMesh.AppHost;
using CareMesh.AppHost.Configuration;
using CareMesh.Testing;

namespace CareMesh.EndToEnd.Tests;

/// <summary>
/// The whole platform as <c>./caremesh up</c> runs it: the app host's resource graph starting every
/// service and the gateway as separate processes, on the real PostgreSQL, with databases and a
/// RabbitMQ virtual host of this run's own.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly string[] Databases = ["referralsdb", "careplansdb", "directorydb", "meetingsdb"];
    private readonly string _databaseSuffix = $"_e2e_{Guid.NewGuid():N}"[..13];
    private TestVirtualHost _broker = null!;

    public CareMeshApp App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestVirtualHost.CreateAsync("e2e");
        App = CareMeshApp.Create(new AppHostOptions
        {
            PostgresConnectionString = TestServers.Postgres,
            MessagingConnectionString = _broker.ConnectionString,
            GatewayPort = TestServers.FreeLoopbackPort(),
            DatabaseSuffix = _databaseSuffix,
            EnvironmentName = "Development",
            DevelopmentKeyFile = TestServers.DevelopmentKeyFile,
        });
        await App.StartAsync();
        await App.WaitForHealthyAsync(TimeSpan.FromMinutes(2));
        Gateway = new HttpClient { BaseAddress = new Uri(App.GatewayUrl) };
        Gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestServers.TokenFor(Microsoft.Extensions.Hosting.CareMeshRoles.CareCoordinator));
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await App.DisposeAsync();
        foreach (var database in Databases)
        {
            await TestDatabase.DropAsync(database + _databaseSuffix);
        }

        await _broker.DisposeAsync();
    }
}
