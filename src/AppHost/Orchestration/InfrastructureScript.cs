using System.ComponentModel;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Orchestration;

/// <summary>
/// The repository's own <c>caremesh infra start</c>, which installs, starts and prepares PostgreSQL
/// and RabbitMQ. Run at most once per app host run, however many resources wait on it; its output goes
/// to the log of each of them. What it starts is left running when the app host stops.
/// </summary>
internal sealed class InfrastructureScript(string scriptPath, IReadOnlyList<Resource> resources, TimeSpan stopTimeout)
{
    private readonly Lock gate = new();
    private Task<bool>? run;

    public string ScriptPath => scriptPath;

    /// <summary>True once the script has succeeded; false if it could not run or failed.</summary>
    public Task<bool> EnsureRanAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // The first caller's token cancels the one shared run: all callers are cancelled together, at shutdown.
            run ??= RunAsync(cancellationToken);
            return run;
        }
    }

    private async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        WriteToAll(LogStream.AppHost, $"Running {scriptPath} infra start");
        ChildProcess script;
        try
        {
            var root = Path.GetDirectoryName(scriptPath)!;
            script = ChildProcess.Start(new LaunchSpec(scriptPath, ["infra", "start"], root, new Dictionary<string, string>()), WriteToAll);
        }
        catch (Win32Exception e)
        {
            WriteToAll(LogStream.AppHost, $"Could not run {scriptPath}: {e.Message}");
            return false;
        }

        await using (cancellationToken.Register(() => _ = script.StopAsync(stopTimeout)))
        {
            var exitCode = await script.Exited;
            WriteToAll(LogStream.AppHost, $"{Path.GetFileName(scriptPath)} infra start ended with exit code {exitCode}");
            return exitCode == 0;
        }
    }

    private void WriteToAll(LogStream stream, string line)
    {
        foreach (var resource in resources)
        {
            resource.Logs.Append(stream, line);
        }
    }
}
