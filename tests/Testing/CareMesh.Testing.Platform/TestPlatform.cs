using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CareMesh.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CareMesh.Testing;

/// <summary>
/// The whole platform as <c>./caremesh up</c> runs it: the real Aspire app host (through
/// <see cref="DistributedApplicationTestingBuilder"/>) starting every service and the gateway as processes,
/// on the machine's shared PostgreSQL and RabbitMQ (the app host's "existing servers" mode), with databases
/// and a RabbitMQ virtual host of this run's own, all removed afterwards.
/// </summary>
public sealed class TestPlatform : IAsyncDisposable
{
    /// <summary>Every resource the app host runs or watches, as the dashboard lists them.</summary>
    public static readonly string[] Resources = ["postgres", "messaging", "identity", "referrals", "careplans", "directory", "meetings", "gateway", "web", "queues"];

    private static readonly string[] Databases = ["identitydb", "referralsdb", "careplansdb", "directorydb", "meetingsdb"];
    private readonly string _databaseSuffix;
    private readonly TestVirtualHost _broker;
    private readonly DevelopmentTokens _tokens;

    private TestPlatform(DistributedApplication app, string databaseSuffix, TestVirtualHost broker, int gatewayPort, Uri? dashboardLogin)
    {
        App = app;
        _databaseSuffix = databaseSuffix;
        _broker = broker;
        GatewayUrl = $"http://localhost:{gatewayPort}";
        DashboardLogin = dashboardLogin;
        _tokens = new DevelopmentTokens(new Uri($"{GatewayUrl}/identity/connect/token"));
    }

    public DistributedApplication App { get; }

    /// <summary>What <paramref name="resource"/>'s process has written to its console so far, line by line.</summary>
    public IReadOnlyList<string> ConsoleOf(string resource) =>
        [.. App.Services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .Where(record => record.Category == $"{typeof(CareMeshSettings).Assembly.GetName().Name}.Resources.{resource}")
            .Select(record => record.Message)];

    public string GatewayUrl { get; }

    /// <summary>The Aspire dashboard's login link, as the app host prints it (with its browser token); null when started without the dashboard.</summary>
    public Uri? DashboardLogin { get; }

    /// <summary>This run's RabbitMQ virtual host (amqp:// URI), as the services use it.</summary>
    public string MessagingConnectionString => _broker.ConnectionString;

    /// <summary>This run's RabbitMQ virtual host, to look into or to put a message on a queue directly.</summary>
    public TestVirtualHost Broker => _broker;

    /// <summary>
    /// A token for <paramref name="role"/> at <paramref name="organisation"/> from this platform's identity provider,
    /// through the gateway as <c>./caremesh token</c> asks for one.
    /// </summary>
    public string TokenFor(string role, string organisation = "Y00001") => _tokens.For(role, organisation);

    /// <summary>A resource's own HTTP address, e.g. a service's, bypassing the gateway.</summary>
    public Uri EndpointOf(string resource) => App.GetEndpoint(resource, "http");

    /// <summary>The connection string of this run's copy of <paramref name="database"/> (e.g. <c>directorydb</c>).</summary>
    public string ConnectionStringOf(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = database + _databaseSuffix }.ConnectionString;

    /// <summary>
    /// Starts everything and returns once every resource is healthy; with <paramref name="dashboard"/>, the Aspire
    /// dashboard too, on loopback ports of its own (plain HTTP, as <c>./caremesh up</c> runs it), every resource
    /// sending it telemetry.
    /// </summary>
    public static async Task<TestPlatform> StartAsync(string purpose, bool dashboard = false)
    {
        var databaseSuffix = $"_{purpose}_{Guid.NewGuid():N}"[..(purpose.Length + 10)];
        var broker = await TestVirtualHost.CreateAsync(purpose);
        var gatewayPort = TestServers.FreeLoopbackPort();
        string[] dashboardSettings = dashboard
            ?
            [
                $"ASPNETCORE_URLS=http://localhost:{TestServers.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}",
                $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{TestServers.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}",
                $"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{TestServers.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}",
                "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            ]
            : [];
        DistributedApplication? app = null;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync(typeof(CareMeshSettings),
            [
                "DOTNET_ENVIRONMENT=Development",
                $"ConnectionStrings:postgres={TestServers.Postgres}",
                $"ConnectionStrings:messaging={broker.ConnectionString}",
                $"CareMesh:RabbitManagement={TestServers.RabbitManagement}",
                $"CareMesh:GatewayPort={gatewayPort.ToString(CultureInfo.InvariantCulture)}",
                $"CareMesh:DatabaseSuffix={databaseSuffix}",
                .. dashboardSettings,
            ], (options, _) => options.DisableDashboard = !dashboard);
            // The processes' console lines, which the testing builder logs under "<app host>.Resources.<name>".
            builder.Services.AddLogging(logging => logging.AddFakeLogging());
            if (!dashboard)
            {
                // No dashboard, no collector: otherwise every process would export to the dashboard's usual port,
                // into a developer's own ./caremesh up when one is running (and its cores into a benchmark's figures).
                foreach (var resource in builder.Resources.OfType<IResourceWithEnvironment>())
                {
                    resource.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
                }
            }

            app = await builder.BuildAsync();
            // Generous: on a shared 2-core machine seven .NET processes starting together take their time.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await app.StartAsync(deadline.Token);
            await Task.WhenAll(Resources.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, deadline.Token)));
            return new TestPlatform(app, databaseSuffix, broker, gatewayPort, dashboard ? await DashboardLoginAsync(app, deadline.Token) : null);
        }
        catch
        {
            // Leave no processes, databases or virtual host behind from a start that failed.
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await DropAsync(databaseSuffix, broker);
            throw;
        }
    }

    /// <summary>The dashboard's login link (its address with the browser token), from the dashboard resource as the app host announces it.</summary>
    private static async Task<Uri> DashboardLoginAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var running = await app.ResourceNotifications.WaitForResourceAsync("aspire-dashboard",
            update => update.Snapshot.Urls.Any(url => url.Url.Contains("/login?t=", StringComparison.Ordinal)), cancellationToken);
        return new Uri(running.Snapshot.Urls.First(url => url.Url.Contains("/login?t=", StringComparison.Ordinal)).Url);
    }

    /// <summary>The process id of a resource's current run, as the dashboard shows it.</summary>
    public async Task<int> ProcessIdOf(string resource, CancellationToken cancellationToken = default)
    {
        var running = await App.ResourceNotifications.WaitForResourceAsync(resource,
            update => update.Snapshot.State?.Text == KnownResourceStates.Running && ProcessIdIn(update.Snapshot) is not null, cancellationToken);
        return ProcessIdIn(running.Snapshot)!.Value;
    }

    /// <summary>The process id a resource's snapshot shows, if it has a process.</summary>
    public static int? ProcessIdIn(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } value
        && int.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await DropAsync(_databaseSuffix, _broker);
    }

    private static async Task DropAsync(string databaseSuffix, TestVirtualHost broker)
    {
        foreach (var database in Databases)
        {
            await TestDatabase.DropAsync(database + databaseSuffix);
        }

        await broker.DisposeAsync();
    }
}
