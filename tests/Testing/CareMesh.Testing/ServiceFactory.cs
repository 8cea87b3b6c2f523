using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Respawn;
using Xunit;

namespace CareMesh.Testing;

/// <summary>
/// Starts one CareMesh service in-process on a database and a broker virtual host of its own, on the
/// real servers. Test classes share it through <c>IClassFixture</c> and call <see cref="ResetAsync"/>
/// before each test.
/// </summary>
public abstract class ServiceFactory<TProgram>(string databaseConnectionName) : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private Respawner? _respawner;

    public TestDatabase Database { get; } = TestDatabase.Named(databaseConnectionName);

    /// <summary>The service's clock: real time until a test moves it (reset with the database).</summary>
    public TestClock Clock { get; } = new();
    public TestVirtualHost Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await TestVirtualHost.CreateAsync(databaseConnectionName);
        // Starting the host applies the migrations (Development) and connects the bus.
        _ = Server;
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = [.. TablesKept.Select(table => new Respawn.Graph.Table(table))],
        });
        await OnStartedAsync();
    }

    /// <summary>The environment the service runs in: Development (its migrations applied at start, development sign-in).</summary>
    protected virtual string EnvironmentName => Environments.Development;

    /// <summary>Tables <see cref="ResetAsync"/> leaves as they are.</summary>
    // The audit trail refuses deletes by design; tests look up their own records in it.
    protected virtual IReadOnlyList<string> TablesKept => ["__EFMigrationsHistory", "audit_events"];

    /// <summary>Runs after each reset, e.g. to put back what the service itself creates at start.</summary>
    protected virtual Task OnResetAsync() => Task.CompletedTask;

    /// <summary>Runs once the service is up on its migrated database, e.g. to load data every test of the class reads.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>A client that calls as a user of <paramref name="role"/> at <paramref name="organisation"/>.</summary>
    public HttpClient CreateClientAs(string role, string organisation = "Y00001")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestServers.TokenFor(role, organisation));
        return client;
    }

    /// <summary>Empties every table, keeping the schema, and puts the clock back to real time.</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
        await OnResetAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting($"ConnectionStrings:{databaseConnectionName}", Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", Broker.ConnectionString);
        if (EnvironmentName == Environments.Development)
        {
            // Outside Development the service refuses a development key: a factory for another environment names an authority.
            builder.UseSetting("Authentication:DevelopmentKeyFile", TestServers.DevelopmentKeyFile);
        }

        // Consumers' queues must be bound before a test publishes, or the broker drops the message.
        builder.UseSetting("Messaging:Host:WaitUntilStarted", "true");
        // Quick retries keep tests of failing messages short; the policy's shape is unchanged.
        builder.UseSetting("Messaging:Retry:MinInterval", "00:00:00.050");
        builder.UseSetting("Messaging:Retry:MaxInterval", "00:00:00.200");
        builder.UseSetting("Messaging:Retry:IntervalDelta", "00:00:00.050");
        // Scheduled checks run when a test says (Services.RunScheduledCheckAsync), not on their own timers.
        builder.UseSetting("ScheduledChecks:Enabled", "false");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
