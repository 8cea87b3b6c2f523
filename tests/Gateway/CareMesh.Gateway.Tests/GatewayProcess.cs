using System.Diagnostics;
using System.Reflection;
using CareMesh.Testing;

namespace CareMesh.Gateway.Tests;

/// <summary>
/// The gateway as it runs in production: its own process, from its own build output and
/// appsettings.json, with discovery pointing at the test's backends and a few limits turned down
/// so a test can reach them.
/// </summary>
public sealed class GatewayProcess : IAsyncLifetime
{
    private readonly ServiceBackends _backends = new();
    private Process? _process;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _backends.InitializeAsync();
        var port = TestServers.FreeLoopbackPort();
        var configuration = typeof(GatewayProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var output = Path.Combine(RepositoryRoot(), "src", "Gateway", "bin", configuration, "net10.0");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // As the app host sets it: the gateway must still not believe callers' X-Forwarded-*.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            // As the app host runs it (CareMeshTopology): socket completions on the I/O thread.
            ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
            ["Authentication__Authority"] = TestIdentity.Authority.AbsoluteUri,
            ["Gateway__PerUser__PermitLimit"] = "20",
            ["Gateway__PerUser__Window"] = "00:01:00",
            ["Gateway__PerAddress__PermitLimit"] = "20",
            ["Gateway__RegisteredConsumers__PermitLimit"] = "60",
            ["Gateway__SignIn__PermitLimit"] = "10",
            ["Gateway__IdentityBackChannel__PermitLimit"] = "30",
            ["ReverseProxy__Clusters__referrals__HttpRequest__ActivityTimeout"] = "00:00:01",
        };
        foreach (var (service, address) in _backends.Addresses)
        {
            environment[$"services__{service}__http__0"] = address;
        }

        _process = TestProcess.Start("dotnet", [Path.Combine(output, "CareMesh.Gateway.dll")], environment, workingDirectory: output);

        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await Client.GetAsync("/alive")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, what: "the gateway process to answer");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        await _backends.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareMesh.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CareMesh.sln not found above the test's output.");
    }
}
