using System.Net;
using System.Net.Sockets;

namespace CareMesh.Testing;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ are. <c>./caremesh test</c> exports these variables after
/// starting the servers; the defaults match its development credentials so a single test project
/// also runs from an IDE once <c>./caremesh infra start</c> has run.
/// </summary>
public static class TestServers
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("ConnectionStrings__postgres")
        ?? "Host=127.0.0.1;Port=5432;Username=caremesh;Password=caremesh-dev";

    public static Uri Messaging =>
        new(Environment.GetEnvironmentVariable("ConnectionStrings__messaging") ?? "amqp://caremesh:caremesh-dev@127.0.0.1:5672");

    public static Uri RabbitManagement =>
        new(Environment.GetEnvironmentVariable("CareMesh__RabbitManagement") ?? "http://caremesh:caremesh-dev@127.0.0.1:15672");

    /// <summary>A valid token for <paramref name="role"/> at <paramref name="organisation"/>, issued by the test identity provider.</summary>
    public static string TokenFor(string role, string organisation = "Y00001") => TestIdentity.TokenFor(role, organisation);

    /// <summary>A loopback port nothing listens on now (the OS's choice).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A name no other test run on this machine is using.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
}
