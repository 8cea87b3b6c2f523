using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CareMesh.AppHost;

/// <summary>How the platform is set up for one run: configuration keys mapped onto values, defaults for a developer's machine.</summary>
public sealed record CareMeshSettings
{
    /// <summary>Development-only credentials of the servers the app host starts itself.</summary>
    public const string LocalUser = "caremesh";
    public const string LocalPassword = "caremesh-dev";

    /// <summary>The host environment, passed on to every service.</summary>
    public string EnvironmentName { get; init; } = Environments.Development;

    public bool IsDevelopment => string.Equals(EnvironmentName, Environments.Development, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>ConnectionStrings:postgres</c> (no database): an existing server. None: the app host runs one.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>ConnectionStrings:messaging</c> (amqp://): an existing broker. None: the app host runs one.</summary>
    public string? MessagingConnectionString { get; init; }

    /// <summary><c>CareMesh:RabbitManagement</c>: the broker's management API (http://user:password@host:port); none: derived.</summary>
    public string? RabbitManagement { get; init; }

    /// <summary><c>CareMesh:Infrastructure</c>: <c>local</c> (the machine's server binaries) or <c>containers</c> (Aspire's own, needs Docker or Podman).</summary>
    public string Infrastructure { get; init; } = "local";

    public bool UsesContainers => string.Equals(Infrastructure, "containers", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>CareMesh:PostgresPort</c>, <c>CareMesh:RabbitMqPort</c>, <c>CareMesh:RabbitMqManagementPort</c>: the app host's own servers,
    /// beside (not on) the default ports a machine's shared servers use.</summary>
    public int PostgresPort { get; init; } = 5433;

    public int RabbitMqPort { get; init; } = 5673;

    public int RabbitMqManagementPort { get; init; } = 15673;

    /// <summary><c>CareMesh:GatewayPort</c>: the gateway listens on http://localhost:&lt;port&gt;.</summary>
    public int GatewayPort { get; init; } = 5080;

    /// <summary><c>CareMesh:DatabaseSuffix</c>: appended to every database name, so a test run gets databases of its own.</summary>
    public string DatabaseSuffix { get; init; } = "";

    /// <summary>Where the app host keeps its servers' data: <c>&lt;repository&gt;/.caremesh</c>.</summary>
    public string StateDirectory { get; init; } = Path.Combine(RepositoryRoot, ".caremesh");

    /// <summary>
    /// The identity provider as users, the workspace and tokens name it: behind the gateway, at
    /// <c>http://localhost:&lt;gateway port&gt;/identity/</c>. Its issuer, and every process's <c>Authentication:Authority</c>.
    /// </summary>
    public Uri IdentityIssuer => new(GatewayAddress, "identity/");

    /// <summary>The gateway's public address, <c>http://localhost:&lt;port&gt;/</c>: where users (and the workspace's sign-in) arrive.</summary>
    public Uri GatewayAddress => new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://localhost:{GatewayPort}/"));

    /// <summary>The broker the services use, as an AMQP URI.</summary>
    public Uri Messaging => new(MessagingConnectionString ?? $"amqp://{LocalUser}:{LocalPassword}@127.0.0.1:{RabbitMqPort}");

    /// <summary>The broker's management API: as configured, the app host's own broker's, or the given broker's host on 15672.</summary>
    public Uri ManagementApi => RabbitManagement is { Length: > 0 } configured
        ? new Uri(configured)
        : MessagingConnectionString is null
            ? new Uri($"http://{LocalUser}:{LocalPassword}@127.0.0.1:{RabbitMqManagementPort}/")
            : new UriBuilder(Messaging) { Scheme = "http", Port = 15672, Path = "/" }.Uri;

    /// <summary>The broker's virtual host, as its management API names it ("/" when the URI has no path).</summary>
    public string MessagingVirtualHost => Messaging.AbsolutePath.TrimStart('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";

    /// <summary>The repository the app host was built in (embedded at build time), where <c>.caremesh/</c> lives.</summary>
    public static string RepositoryRoot { get; } =
        typeof(CareMeshSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "CareMesh.RepositoryRoot").Value!;

    public static CareMeshSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("CareMesh");
        var defaults = new CareMeshSettings();
        var environment = configuration[HostDefaults.EnvironmentKey] ?? configuration["DOTNET_ENVIRONMENT"] ?? configuration["ASPNETCORE_ENVIRONMENT"] ?? Environments.Development;
        return new CareMeshSettings
        {
            EnvironmentName = environment,
            PostgresConnectionString = NullIfBlank(configuration.GetConnectionString("postgres")),
            MessagingConnectionString = NullIfBlank(configuration.GetConnectionString("messaging")),
            RabbitManagement = NullIfBlank(section["RabbitManagement"]),
            Infrastructure = NullIfBlank(section["Infrastructure"]) ?? defaults.Infrastructure,
            PostgresPort = section.GetValue("PostgresPort", defaults.PostgresPort),
            RabbitMqPort = section.GetValue("RabbitMqPort", defaults.RabbitMqPort),
            RabbitMqManagementPort = section.GetValue("RabbitMqManagementPort", defaults.RabbitMqManagementPort),
            GatewayPort = section.GetValue("GatewayPort", defaults.GatewayPort),
            DatabaseSuffix = section["DatabaseSuffix"] ?? defaults.DatabaseSuffix,
            StateDirectory = NullIfBlank(section["StateDirectory"]) ?? defaults.StateDirectory,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
