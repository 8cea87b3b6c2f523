using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using CareMesh.Testing;

namespace CareMesh.EndToEnd.Tests;

/// <summary>The app host as <c>./caremesh up</c> runs it: its own process, stopped by a signal.</summary>
public class AppHostProcessTests
{
    private static readonly string[] Processes = ["referrals", "careplans", "directory", "meetings", "gateway"];

    [Fact]
    public async Task Stopping_the_app_host_lets_every_service_finish_cleanly_while_the_dashboard_still_receives()
    {
        var suffix = $"_stop_{Guid.NewGuid():N}"[..14];
        await using var broker = await TestVirtualHost.CreateAsync("stop");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__postgres"] = TestServers.Postgres,
            ["ConnectionStrings__messaging"] = broker.ConnectionString,
            ["CareMesh__DatabaseSuffix"] = suffix,
            ["CareMesh__GatewayPort"] = TestServers.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CareMesh__DevelopmentKeyFile"] = TestServers.DevelopmentKeyFile,
            ["CareMesh__Dashboard__Port"] = TestServers.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CareMesh__Dashboard__OtlpGrpcPort"] = TestServers.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CareMesh__Dashboard__OtlpHttpPort"] = TestServers.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var appHost = TestProcess.Start("dotnet", [AppHostDll()], environment, lines.Enqueue);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(lines.Any(l => l.Contains("resources are healthy", StringComparison.Ordinal))),
                TimeSpan.FromMinutes(2), "every resource healthy");

            using (var term = Process.Start("kill", ["-TERM", appHost.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var stopped = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await appHost.WaitForExitAsync(stopped.Token);

            // Each process stopped by SIGTERM within its time, none killed (exit code 137) for hanging on to its last telemetry.
            foreach (var name in Processes)
            {
                Assert.Contains(lines, line => Ended(name).IsMatch(line) && line.EndsWith("exit code 0", StringComparison.Ordinal));
            }

            Assert.Equal(0, appHost.ExitCode);
        }
        finally
        {
            if (!appHost.HasExited)
            {
                appHost.Kill(entireProcessTree: true);
            }

            foreach (var database in new[] { "referralsdb", "careplansdb", "directorydb", "meetingsdb" })
            {
                await TestDatabase.DropAsync(database + suffix);
            }
        }
    }

    private static Regex Ended(string name) => new($@"\s{name}\s+(Finished|Exited)\s");

    /// <summary>The app host from its own build output, as the entry script runs it.</summary>
    private static string AppHostDll()
    {
        var configuration = typeof(AppHostProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CareMesh.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return Path.Combine(root.FullName, "src", "AppHost", "bin", configuration, "net10.0", "CareMesh.AppHost.dll");
    }
}
