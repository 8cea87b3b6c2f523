using System.Net;
using CareMesh.Identity.Keys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CareMesh.Testing;

/// <summary>
/// CareMesh's identity provider (src/Identity), the one every service under test trusts: the real program, started
/// once per test process on a loopback port, in Development, on a database of its own dropped when the process
/// exits. Tests take their tokens from it by the development grant, as <c>./caremesh token</c> does.
/// </summary>
public static class TestIdentity
{
    private static readonly Lazy<Provider> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The provider's address and issuer (<c>http://127.0.0.1:&lt;port&gt;/</c>): what <c>Authentication:Authority</c> names.</summary>
    public static Uri Authority => Started.Value.Address;

    /// <summary>A token the provider issued for <paramref name="role"/> at <paramref name="organisation"/>, as user <c>user-&lt;role&gt;</c>.</summary>
    public static string TokenFor(string role, string organisation) => Started.Value.Tokens.For(role, organisation);

    /// <summary>The key the provider signs with now, for minting tokens wrong in one way on purpose (<see cref="TestTokens"/>).</summary>
    public static RsaSecurityKey SigningKey => Started.Value.Factory.Services.GetRequiredService<SigningKeyRing>().Keys.Signing[0];

    private static Provider Start()
    {
        var database = TestDatabase.Named("testidentity");
        var port = TestServers.FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var factory = new IdentityFactory(database.ConnectionString, address);
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            TestDatabase.DropAsync(database.Name).AsTask().GetAwaiter().GetResult();
            throw;
        }

        // The database first: the test runner may end the process before a slow host shutdown is over.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            TestDatabase.DropAsync(database.Name).AsTask().GetAwaiter().GetResult();
            factory.Dispose();
        };
        return new Provider(factory, address);
    }

    private sealed record Provider(IdentityFactory Factory, Uri Address)
    {
        public DevelopmentTokens Tokens { get; } = new(new Uri(Address, "connect/token"));
    }

    private sealed class IdentityFactory(string connectionString, Uri address) : WebApplicationFactory<CareMesh.Identity.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Development);
            builder.UseSetting("ConnectionStrings:identitydb", connectionString);
            builder.UseSetting("Identity:Issuer", address.AbsoluteUri);
            builder.UseSetting("Authentication:Authority", address.AbsoluteUri);
        }
    }
}
