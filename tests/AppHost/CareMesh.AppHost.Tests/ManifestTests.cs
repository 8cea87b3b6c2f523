using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace CareMesh.AppHost.Tests;

/// <summary>
/// The Aspire manifest (<c>--publisher manifest</c>), which later deployment work turns into Kubernetes or
/// compose files: every service a project, the servers asked of the deployment as connection strings.
/// </summary>
public class ManifestTests
{
    private static readonly string[] Services = ["referrals", "careplans", "directory", "meetings"];

    [Fact]
    public async Task The_manifest_has_every_project_and_asks_the_deployment_for_its_servers()
    {
        var resources = (await PublishAsync()).GetProperty("resources");

        // A deployment supplies PostgreSQL and RabbitMQ: nothing of a developer's machine is in the manifest.
        Assert.Equal("parameter.v0", resources.GetProperty("postgres").GetProperty("type").GetString());
        Assert.Equal("parameter.v0", resources.GetProperty("messaging").GetProperty("type").GetString());
        Assert.False(resources.TryGetProperty("rabbitmq", out _));
        Assert.False(resources.TryGetProperty("queues", out _));

        foreach (var (service, database) in Services.Zip(["referralsdb", "careplansdb", "directorydb", "meetingsdb"]))
        {
            var resource = resources.GetProperty(service);
            Assert.Equal("project.v0", resource.GetProperty("type").GetString());
            var env = resource.GetProperty("env");
            Assert.Equal($"{{{database}.connectionString}}", env.GetProperty($"ConnectionStrings__{database}").GetString());
            Assert.Equal("{messaging.connectionString}", env.GetProperty("ConnectionStrings__messaging").GetString());
            Assert.Equal("{postgres.connectionString};Database=" + database, resources.GetProperty(database).GetProperty("connectionString").GetString());
        }

        // The identity provider on its own database; every project trusts its tokens, issued at its public address
        // behind the gateway, and fetches its metadata from it directly.
        var identity = resources.GetProperty("identity");
        Assert.Equal("project.v0", identity.GetProperty("type").GetString());
        Assert.Equal("{identitydb.connectionString}", identity.GetProperty("env").GetProperty("ConnectionStrings__identitydb").GetString());
        Assert.Equal("{postgres.connectionString};Database=identitydb", resources.GetProperty("identitydb").GetProperty("connectionString").GetString());
        Assert.Equal("http://localhost:5080/identity/", identity.GetProperty("env").GetProperty("Identity__Issuer").GetString());
        Assert.Equal("http://localhost:5080/", identity.GetProperty("env").GetProperty("Identity__Clients__Web__BaseAddress").GetString());
        foreach (var project in Services.Concat(["gateway", "web", "identity"]))
        {
            var env = resources.GetProperty(project).GetProperty("env");
            Assert.Equal("http://localhost:5080/identity/", env.GetProperty("Authentication__Authority").GetString());
            Assert.Equal("{identity.bindings.http.url}/.well-known/openid-configuration", env.GetProperty("Authentication__MetadataAddress").GetString());
        }

        var referrals = resources.GetProperty("referrals").GetProperty("env");
        Assert.Equal("{directory.bindings.http.url}", referrals.GetProperty("services__directory__http__0").GetString());

        var gateway = resources.GetProperty("gateway");
        Assert.Equal("project.v0", gateway.GetProperty("type").GetString());
        Assert.True(gateway.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        foreach (var service in Services.Append("identity"))
        {
            Assert.True(gateway.GetProperty("env").TryGetProperty($"services__{service}__http__0", out _), service);
        }

        // The workspace sits behind the gateway and calls the services back through it.
        var web = resources.GetProperty("web");
        Assert.Equal("project.v0", web.GetProperty("type").GetString());
        Assert.Equal("{web.bindings.http.url}", gateway.GetProperty("env").GetProperty("services__web__http__0").GetString());
        Assert.Equal("{gateway.bindings.http.url}", web.GetProperty("env").GetProperty("services__gateway__http__0").GetString());
    }

    private static async Task<JsonElement> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("caremesh-manifest-");
        try
        {
            var path = Path.Combine(output.FullName, "aspire-manifest.json");
            var start = new ProcessStartInfo("dotnet", [AppHostDll(), "--publisher", "manifest", "--output-path", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The manifest describes a deployment: servers given to the test run must not leak into it.
            start.Environment.Remove("ConnectionStrings__postgres");
            start.Environment.Remove("ConnectionStrings__messaging");
            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(deadline.Token);
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {await log}{await errors}");
            await using var manifest = File.OpenRead(path);
            return (await JsonDocument.ParseAsync(manifest)).RootElement.Clone();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The app host from its own build output, as the entry script runs it.</summary>
    private static string AppHostDll()
    {
        var configuration = typeof(ManifestTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Path.Combine(CareMeshSettings.RepositoryRoot, "src", "AppHost", "bin", configuration, "net10.0", "CareMesh.AppHost.dll");
    }
}
