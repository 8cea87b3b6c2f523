using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Model;
using CareMesh.AppHost.Orchestration;

namespace CareMesh.AppHost.Tests;

/// <summary>Small builders shared by the tests.</summary>
internal static class TestResources
{
    /// <summary>Long enough for a slow CI machine; only reached when something is broken.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static RestartPolicy QuickRestarts { get; } =
        new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(10));

    public static Resource Process(string name = "worker") =>
        new(new ResourceDefinition(name, ResourceKind.Project), [], new Dictionary<string, string>());

    public static LaunchSpec Shell(string script, IReadOnlyDictionary<string, string>? environment = null) =>
        new("/bin/sh", ["-c", script], Path.GetTempPath(), environment ?? new Dictionary<string, string>());

    /// <summary>Projects where none has been built: whatever the app host tries to run fails to start.</summary>
    public static ProjectCatalog UnbuiltProjects()
    {
        var root = Path.Combine(Path.GetTempPath(), "caremesh-apphost-tests-" + Guid.NewGuid().ToString("N"));
        string[] names = ["referrals", "careplans", "directory", "meetings", "gateway"];
        return new ProjectCatalog(
            names.ToDictionary(name => name, name => new ProjectLocation(Path.Combine(root, name, $"CareMesh.{name}.csproj"))),
            "Debug",
            "net10.0",
            root);
    }

    public static async Task<ResourceSnapshot> WaitUntil(this Resource resource, Func<ResourceSnapshot, bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        return await resource.WaitUntilAsync(condition, patience.Token);
    }

    /// <summary>Waits for a log line that meets the condition, already written or still to come.</summary>
    public static async Task<LogLine> WaitForLine(this Resource resource, Func<LogLine, bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        await foreach (var line in resource.Logs.FollowAsync(patience.Token))
        {
            if (condition(line))
            {
                return line;
            }
        }

        throw new InvalidOperationException("The log ended without such a line.");
    }

    /// <summary>Linux: a process is gone once it has no /proc entry or is only a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int processId)
    {
        var stat = Path.Combine("/proc", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
