using CareMesh.AppHost;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareMesh.Testing;

/// <summary>
/// The whole platform as <c>./caremesh up</c> runs it: the app host's resource graph starting every
/// service and the gateway as separate processes, on the real PostgreSQL, with databases and a
/// RabbitMQ virtual host of this run's own, all removed afterwards. With the dashboard, the app host
/// runs as its executable does: a web application serving the dashboard on free ports, to which the
/// services export their telemetry.
/// </summary>
public sealed class TestPlatform : IAsyncDisposable
{
    private static readonly string[] Databases = ["referralsdb", "careplansdb", "directorydb", "meetingsdb"];
    private readonly string _databaseSuffix;
    private readonly TestVirtualHost _broker;
    private readonly WebApplication? _host;

    private TestPlatform(string purpose, TestVirtualHost broker, bool withDashboard)
    {
        _databaseSuffix = $"_{purpose}_{Guid.NewGuid():N}"[..(purpose.Length + 10)];
        _broker = broker;
        var options = new AppHostOptions
        {
            PostgresConnectionString = TestServers.Postgres,
            MessagingConnectionString = broker.ConnectionString,
            RabbitManagement = TestServers.RabbitManagement.ToString(),
            GatewayPort = TestServers.FreeLoopbackPort(),
            DatabaseSuffix = _databaseSuffix,
            EnvironmentName = "Development",
            DevelopmentKeyFile = TestServers.DevelopmentKeyFile,
        };
        if (!withDashboard)
        {
            App = CareMeshApp.Create(options);
            return;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCareMeshAppHost(options, new DashboardOptions
        {
            Port = TestServers.FreeLoopbackPort(),
            OtlpGrpcPort = TestServers.FreeLoopbackPort(),
            OtlpHttpPort = TestServers.FreeLoopbackPort(),
            OtlpApiKey = Guid.NewGuid().ToString("N"),
        });
        _host = builder.Build();
        _host.MapDashboard();
        App = _host.Services.GetRequiredService<CareMeshApp>();
        Dashboard = _host.Services.GetRequiredService<DashboardOptions>();
        DashboardLoginUrl = _host.Services.GetRequiredService<DashboardAccess>().LoginUrl;
    }

    public CareMeshApp App { get; }

    /// <summary>This run's RabbitMQ virtual host, for a load generator publishing as another service would.</summary>
    public string MessagingConnectionString => _broker.ConnectionString;

    /// <summary>The connection string of this run's copy of <paramref name="database"/> (e.g. <c>directorydb</c>).</summary>
    public string ConnectionStringOf(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = database + _databaseSuffix }.ConnectionString;

    /// <summary>Where the dashboard listens, when started with it.</summary>
    public DashboardOptions? Dashboard { get; }

    /// <summary>The link the app host prints, with this run's login token.</summary>
    public string? DashboardLoginUrl { get; }

    /// <summary>Starts everything and returns once every resource is healthy.</summary>
    public static Task<TestPlatform> StartAsync(string purpose) => StartAsync(purpose, withDashboard: false);

    /// <summary>As <see cref="StartAsync(string)"/>, with the app host's dashboard receiving the services' telemetry.</summary>
    public static Task<TestPlatform> StartWithDashboardAsync(string purpose) => StartAsync(purpose, withDashboard: true);

    private static async Task<TestPlatform> StartAsync(string purpose, bool withDashboard)
    {
        var platform = new TestPlatform(purpose, await TestVirtualHost.CreateAsync(purpose), withDashboard);
        try
        {
            // The host's worker starts the app, as in the app host's executable.
            await (platform._host?.StartAsync() ?? platform.App.StartAsync());
            await platform.App.WaitForHealthyAsync(TimeSpan.FromMinutes(2));
            return platform;
        }
        catch
        {
            // Leave no processes, databases or virtual host behind from a start that failed.
            await platform.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        await App.DisposeAsync();
        foreach (var database in Databases)
        {
            await TestDatabase.DropAsync(database + _databaseSuffix);
        }

        await _broker.DisposeAsync();
    }
}
