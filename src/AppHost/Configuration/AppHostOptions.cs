using CareMesh.AppHost.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost.Configuration;

/// <summary>How one app host run is set up. <see cref="FromConfiguration"/> maps configuration keys onto it.</summary>
public sealed record AppHostOptions
{
    public const string RabbitManagementKey = "CareMesh:RabbitManagement";

    /// <summary><c>ConnectionStrings:postgres</c>, without a database. None: the app host starts the development server.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>ConnectionStrings:messaging</c> (amqp://). None: the app host starts the development broker.</summary>
    public string? MessagingConnectionString { get; init; }

    /// <summary><c>CareMesh:RabbitManagement</c>: the broker's management API; none: derived from the broker's address.</summary>
    public string? RabbitManagement { get; init; }

    /// <summary><c>CareMesh:GatewayPort</c>: the gateway listens on http://localhost:&lt;port&gt;.</summary>
    public int GatewayPort { get; init; } = 5080;

    /// <summary><c>CareMesh:DatabaseSuffix</c>: appended to every database name, so a test run gets its own databases.</summary>
    public string DatabaseSuffix { get; init; } = "";

    /// <summary>The host environment (DOTNET_ENVIRONMENT / ASPNETCORE_ENVIRONMENT / --environment), passed on to every service.</summary>
    public string EnvironmentName { get; init; } = Environments.Development;

    public bool IsDevelopment => string.Equals(EnvironmentName, Environments.Development, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>CareMesh:OtlpEndpoint</c>: where services export telemetry; none turns their exporter off.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>Headers every service's exporter sends (<c>OTEL_EXPORTER_OTLP_HEADERS</c>: <c>name=value,...</c>): the dashboard's API key.</summary>
    public string? OtlpHeaders { get; init; }

    /// <summary>
    /// <c>CareMesh:DevelopmentKeyFile</c>: in Development, the local key that stands in for the identity
    /// provider (created on first run; default <c>&lt;repo&gt;/.caremesh/dev-signing-key.pem</c>). Never set elsewhere.
    /// </summary>
    public string? DevelopmentKeyFile { get; init; }

    /// <summary><c>CareMesh:StopTimeout</c>: how long a process may take to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off between restarts of a process that ended unexpectedly.</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Default;

    public static AppHostOptions FromConfiguration(IConfiguration configuration, string environmentName)
    {
        var section = configuration.GetSection("CareMesh");
        var defaults = new AppHostOptions();
        var options = new AppHostOptions
        {
            PostgresConnectionString = NullIfBlank(configuration.GetConnectionString("postgres")),
            MessagingConnectionString = NullIfBlank(configuration.GetConnectionString("messaging")),
            GatewayPort = section.GetValue("GatewayPort", defaults.GatewayPort),
            DatabaseSuffix = section["DatabaseSuffix"] ?? defaults.DatabaseSuffix,
            EnvironmentName = environmentName,
            OtlpEndpoint = NullIfBlank(section["OtlpEndpoint"]),
            RabbitManagement = NullIfBlank(configuration[RabbitManagementKey]),
            StopTimeout = section.GetValue("StopTimeout", defaults.StopTimeout),
        };
        return options.IsDevelopment
            ? options with
            {
                DevelopmentKeyFile = NullIfBlank(section["DevelopmentKeyFile"])
                                     ?? Path.Combine(ProjectCatalog.Embedded.RepositoryRoot, ".caremesh", "dev-signing-key.pem"),
            }
            : options;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
