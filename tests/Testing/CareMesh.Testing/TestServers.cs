using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

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

    /// <summary>
    /// The local signing key the services under test trust (Development), shared by every test process
    /// on the machine and kept between runs, so a test mints tokens exactly as <c>./caremesh token</c> does.
    /// </summary>
    public static string DevelopmentKeyFile => DevelopmentKey.Value.Path;

    private static readonly Lazy<(string Path, Microsoft.IdentityModel.Tokens.RsaSecurityKey Key)> DevelopmentKey = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "caremesh-test-signing-key.pem");
        return (path, DevelopmentSigningKey.LoadOrCreate(path));
    });

    /// <summary>A valid token for <paramref name="role"/> at <paramref name="organisation"/>, signed with the test key.</summary>
    public static string TokenFor(string role, string organisation = "Y00001") => TestTokens.Mint(DevelopmentKey.Value.Key, role, organisation);

    internal static Microsoft.IdentityModel.Tokens.RsaSecurityKey SigningKey => DevelopmentKey.Value.Key;

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
