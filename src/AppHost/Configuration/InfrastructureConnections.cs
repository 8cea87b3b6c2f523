using System.Data.Common;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Configuration;

/// <summary>
/// The PostgreSQL server and RabbitMQ broker the services use: those given in configuration, or else
/// the development ones that <c>./caremesh infra start</c> sets up (same credentials as that script).
/// </summary>
public sealed record InfrastructureConnections(string Postgres, string Messaging, bool StartsPostgres, bool StartsMessaging)
{
    public const string DevelopmentPostgres = "Host=127.0.0.1;Port=5432;Username=caremesh;Password=caremesh-dev";
    public const string DevelopmentMessaging = "amqp://caremesh:caremesh-dev@127.0.0.1:5672";

    /// <summary>Whether the app host must run the infrastructure script before anything can connect.</summary>
    public bool StartsInfrastructure => StartsPostgres || StartsMessaging;

    public static InfrastructureConnections Resolve(AppHostOptions options) => new(
        options.PostgresConnectionString ?? DevelopmentPostgres,
        options.MessagingConnectionString ?? DevelopmentMessaging,
        StartsPostgres: options.PostgresConnectionString is null,
        StartsMessaging: options.MessagingConnectionString is null);

    /// <summary>Whether the app host brings this server up itself, with the infrastructure script.</summary>
    public bool StartedByAppHost(ResourceKind kind) => kind switch
    {
        ResourceKind.PostgreSQL => StartsPostgres,
        ResourceKind.RabbitMQ => StartsMessaging,
        _ => false,
    };

    public (string Host, int Port) AddressOf(ResourceKind kind) => kind switch
    {
        ResourceKind.PostgreSQL => PostgresAddress,
        ResourceKind.RabbitMQ => MessagingAddress,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only infrastructure has a connection string."),
    };

    /// <summary>The server's address as shown to people (no credentials).</summary>
    public string EndpointOf(ResourceKind kind)
    {
        var (host, port) = AddressOf(kind);
        return $"{(kind == ResourceKind.PostgreSQL ? "tcp" : "amqp")}://{host}:{port}";
    }

    public (string Host, int Port) PostgresAddress
    {
        get
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = Postgres };
            // Npgsql accepts a list of hosts; the first is the one to watch.
            var host = (Value(builder, "Host") ?? Value(builder, "Server") ?? "localhost").Split(',')[0].Trim();
            return (host, int.TryParse(Value(builder, "Port"), out var port) ? port : 5432);
        }
    }

    public (string Host, int Port) MessagingAddress
    {
        get
        {
            var uri = new Uri(Messaging);
            var defaultPort = uri.Scheme == "amqps" ? 5671 : 5672;
            return (uri.Host, uri.IsDefaultPort || uri.Port < 0 ? defaultPort : uri.Port);
        }
    }

    /// <summary>The broker's virtual host, as its management API names it ("/" when the URI has no path).</summary>
    public string MessagingVirtualHost => new Uri(Messaging).AbsolutePath.TrimStart('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";

    /// <summary>
    /// RabbitMQ's management API (<c>http://user:password@host:15672</c>): <paramref name="configured"/>
    /// (<c>CareMesh:RabbitManagement</c>) when given, else the broker's host on port 15672 with its credentials.
    /// </summary>
    public static Uri ManagementApiFor(Uri broker, string? configured) => configured is { Length: > 0 }
        ? new Uri(configured)
        : new UriBuilder(broker) { Scheme = "http", Port = 15672, Path = "/" }.Uri;

    private static string? Value(DbConnectionStringBuilder builder, string key) =>
        builder.TryGetValue(key, out var value) ? value?.ToString() : null;
}
