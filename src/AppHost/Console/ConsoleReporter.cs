using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Console;

/// <summary>
/// Tells the person at the terminal what the app host does, one line per change:
/// <c>12:00:01 referrals   Running        http://127.0.0.1:41234  pid 1234</c>; the last lines of a
/// process that ended unexpectedly; and a summary each time everything has become healthy.
/// </summary>
public sealed class ConsoleReporter
{
    private const int LinesShownOnFailure = 20;

    private readonly CareMeshApp app;
    private readonly TextWriter output;
    private readonly string? dashboardLogin;
    private readonly int nameWidth;
    private readonly Lock gate = new();
    private bool allHealthy;

    /// <param name="dashboardLogin">The dashboard's sign-in link, printed at start; none when no dashboard runs.</param>
    public ConsoleReporter(CareMeshApp app, TextWriter output, string? dashboardLogin = null)
    {
        this.app = app;
        this.output = output;
        this.dashboardLogin = dashboardLogin;
        nameWidth = app.Resources.Keys.Max(name => name.Length) + 2;
        foreach (var resource in app.Resources.Values)
        {
            resource.Changed += OnChanged;
        }
    }

    public void Starting()
    {
        var infrastructure = app.InfrastructureScript is { } script
            ? $"starting PostgreSQL and RabbitMQ with {script} infra start"
            : "using the PostgreSQL and RabbitMQ given in ConnectionStrings";
        Write($"CareMesh app host ({app.Options.EnvironmentName}): {infrastructure}.");
        if (dashboardLogin is not null)
        {
            Write($"Dashboard: {dashboardLogin}");
        }
    }

    public void Stopping() => Write("Stopping: gateway first, then the services.");

    public void Stopped()
    {
        var infrastructure = app.InfrastructureScript is { } script
            ? $" PostgreSQL and RabbitMQ are left running; '{script} infra stop' stops them."
            : "";
        Write($"Stopped.{infrastructure}");
    }

    private void OnChanged(ResourceChange change)
    {
        var (resource, previous, current) = change;
        lock (gate)
        {
            if (current.State != previous.State)
            {
                Write(StatusLine(resource, current, withHealth: current.Health == ResourceHealth.Unhealthy));
                if (EndedUnexpectedly(previous, current))
                {
                    WriteLastLines(resource);
                }
            }
            else if (current.Health != previous.Health && current.State == ResourceState.Running)
            {
                Write(StatusLine(resource, current, withHealth: true));
            }

            var nowAllHealthy = app.Resources.Values.All(r => r.Health == ResourceHealth.Healthy);
            if (nowAllHealthy && !allHealthy)
            {
                Write($"All {app.Resources.Count} resources are healthy. CareMesh: {app.GatewayUrl}  (Ctrl-C stops it)");
            }

            allHealthy = nowAllHealthy;
        }
    }

    private static bool EndedUnexpectedly(ResourceSnapshot previous, ResourceSnapshot current) =>
        current.State == ResourceState.FailedToStart
        || (current.State is ResourceState.Exited or ResourceState.Finished && previous.State != ResourceState.Stopping);

    private string StatusLine(Resource resource, ResourceSnapshot snapshot, bool withHealth)
    {
        var details = snapshot.State switch
        {
            ResourceState.Waiting => $"waiting for {string.Join(", ", resource.Definition.WaitsFor)}",
            ResourceState.Starting or ResourceState.Running or ResourceState.Stopping =>
                string.Join("  ", [.. resource.Endpoints, .. Pid(snapshot), .. Restarts(snapshot), .. Health(snapshot)]),
            ResourceState.Exited or ResourceState.Finished => $"exit code {snapshot.ExitCode}",
            _ => "",
        };
        return $"{resource.Name.PadRight(nameWidth)}{snapshot.State,-15}{details}".TrimEnd();

        static IEnumerable<string> Pid(ResourceSnapshot s) => s.ProcessId is { } pid ? [$"pid {pid}"] : [];
        static IEnumerable<string> Restarts(ResourceSnapshot s) => s.RestartCount > 0 ? [$"restarts {s.RestartCount}"] : [];
        IEnumerable<string> Health(ResourceSnapshot s) => withHealth ? [s.Health.ToString().ToLowerInvariant()] : [];
    }

    private void WriteLastLines(Resource resource)
    {
        var lines = resource.Logs.Tail(LinesShownOnFailure);
        if (lines.Count == 0)
        {
            return;
        }

        output.WriteLine($"  last {lines.Count} lines of {resource.Name}:");
        foreach (var line in lines)
        {
            output.WriteLine($"  | {line.Text}");
        }
    }

    private void Write(string message)
    {
        lock (gate)
        {
            output.WriteLine($"{DateTime.Now:HH:mm:ss} {message}");
        }
    }
}
