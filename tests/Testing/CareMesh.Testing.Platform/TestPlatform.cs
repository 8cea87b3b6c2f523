using CareMesh.AppHost;
using CareMesh.AppHost.Configuration;

namespace CareMesh.Testing;

/// <summary>
/// The whole platform as <c>./caremesh up</c> runs it: the app host's resource graph starting every
/// service and the gateway as separate processes, on the real PostgreSQL, with databases and a
/// RabbitMQ virtual host of this run's own, all removed afterwards.
/// </summary>
public sealed class TestPlatform : IAsyncDisposable
{
    private static readonly string[] Databases = ["referralsdb", "careplansdb", "directorydb", "meetingsdb"];
    private readonly string _databaseSuffix;
    private readonly TestVirtualHost _broker;

    private TestPlatform(string purpose, TestVirtualHost broker)
    {
        _databaseSuffix = $"_{purpose}_{Guid.NewGuid():N}"[..(purpose.Length + 10)];
        _broker = broker;
        App = CareMeshApp.Create(new AppHostOptions
        {
            PostgresConnectionString = TestServers.Postgres,
            MessagingConnectionString = broker.ConnectionString,
            GatewayPort = TestServers.FreeLoopbackPort(),
            DatabaseSuffix = _databaseSuffix,
            EnvironmentName = "Development",
            DevelopmentKeyFile = TestServers.DevelopmentKeyFile,
        });
    }

    public CareMeshApp App { get; }

    /// <summary>The connection string of this run's copy of <paramref name="database"/> (e.g. <c>directorydb</c>).</summary>
    public string ConnectionStringOf(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = database + _databaseSuffix }.ConnectionString;

    /// <summary>Starts everything and returns once every resource is healthy.</summary>
    public static async Task<TestPlatform> StartAsync(string purpose)
    {
        var platform = new TestPlatform(purpose, await TestVirtualHost.CreateAsync(purpose));
        try
        {
            await platform.App.StartAsync();
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
        await App.DisposeAsync();
        foreach (var database in Databases)
        {
            await TestDatabase.DropAsync(database + _databaseSuffix);
        }

        await _broker.DisposeAsync();
    }
}
