using System.Text.RegularExpressions;
using CareMesh.AppHost.Configuration;
using CareMesh.AppHost.Console;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Tests;

public class ConsoleReporterTests
{
    [Fact]
    public async Task A_state_change_is_one_line_with_the_urls_and_the_pid()
    {
        await using var app = CareMeshApp.Create(new AppHostOptions(), TestResources.UnbuiltProjects());
        var output = new StringWriter();
        _ = new ConsoleReporter(app, output);
        var referrals = app.Resources["referrals"];

        referrals.Update(snapshot => snapshot with { State = ResourceState.Running, ProcessId = 1234 });

        var line = Assert.Single(Lines(output));
        Assert.Matches(@"^\d\d:\d\d:\d\d referrals +Running +http://127\.0\.0\.1:\d+  pid 1234$", line);
    }

    [Fact]
    public async Task At_start_the_dashboards_login_link_is_printed_when_a_dashboard_runs()
    {
        await using var app = CareMeshApp.Create(new AppHostOptions(), TestResources.UnbuiltProjects());
        var withDashboard = new StringWriter();
        var without = new StringWriter();

        new ConsoleReporter(app, withDashboard, "http://127.0.0.1:18888/login?t=abc").Starting();
        new ConsoleReporter(app, without).Starting();

        Assert.Matches(@"^\d\d:\d\d:\d\d Dashboard: http://127\.0\.0\.1:18888/login\?t=abc$", Lines(withDashboard).Last());
        Assert.DoesNotContain(Lines(without), line => line.Contains("Dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_running_service_that_turns_unhealthy_and_back_gets_a_line_for_each()
    {
        await using var app = CareMeshApp.Create(new AppHostOptions(), TestResources.UnbuiltProjects());
        var output = new StringWriter();
        _ = new ConsoleReporter(app, output);
        var directory = app.Resources["directory"];

        directory.Update(snapshot => snapshot with { State = ResourceState.Running, Health = ResourceHealth.Healthy, ProcessId = 7 });
        directory.Update(snapshot => snapshot with { Health = ResourceHealth.Unhealthy });
        directory.Update(snapshot => snapshot with { Health = ResourceHealth.Healthy });

        var lines = Lines(output);
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("pid 7", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("pid 7  unhealthy", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("pid 7  healthy", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exit_shows_the_last_lines_of_the_log_but_a_requested_stop_does_not()
    {
        await using var app = CareMeshApp.Create(new AppHostOptions(), TestResources.UnbuiltProjects());
        var output = new StringWriter();
        _ = new ConsoleReporter(app, output);
        var meetings = app.Resources["meetings"];
        for (var i = 1; i <= 25; i++)
        {
            meetings.Logs.Append(LogStream.StandardOutput, $"line {i}");
        }

        meetings.Update(snapshot => snapshot with { State = ResourceState.Running, ProcessId = 1 });
        meetings.Update(snapshot => snapshot with { State = ResourceState.Exited, ProcessId = null, ExitCode = 134 });
        var crashed = Lines(output);
        meetings.Update(snapshot => snapshot with { State = ResourceState.Running, ProcessId = 2 });
        meetings.Update(snapshot => snapshot with { State = ResourceState.Stopping });
        meetings.Update(snapshot => snapshot with { State = ResourceState.Finished, ProcessId = null, ExitCode = 0 });
        var stopped = Lines(output).Skip(crashed.Count).ToList();

        Assert.Contains(crashed, line => Regex.IsMatch(line, "meetings +Exited +exit code 134$"));
        Assert.Equal([.. Enumerable.Range(6, 20).Select(i => $"  | line {i}")], crashed.Where(line => line.StartsWith("  | ", StringComparison.Ordinal)));
        Assert.DoesNotContain(stopped, line => line.StartsWith("  | ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_everything_is_healthy_a_summary_names_the_gateway()
    {
        await using var app = CareMeshApp.Create(new AppHostOptions { GatewayPort = 5098 }, TestResources.UnbuiltProjects());
        var output = new StringWriter();
        _ = new ConsoleReporter(app, output);

        foreach (var resource in app.Resources.Values)
        {
            resource.Update(snapshot => snapshot with { State = ResourceState.Running, Health = ResourceHealth.Healthy });
        }

        Assert.Single(Lines(output), line => line.Contains("All 7 resources are healthy") && line.Contains("http://localhost:5098"));
    }

    [Fact]
    public async Task Resources_changing_at_the_same_time_are_all_reported()
    {
        await using var app = CareMeshApp.Create(new AppHostOptions(), TestResources.UnbuiltProjects());
        var output = new StringWriter();
        _ = new ConsoleReporter(app, output);
        const int changesEach = 2_000;
        using var allReady = new Barrier(app.Resources.Count);

        // One thread per resource, all changing at once; each change makes the reporter read every
        // other resource (the "all healthy" check) while that one may be changing too.
        var threads = app.Resources.Values.Select(resource => new Thread(() =>
        {
            allReady.SignalAndWait();
            for (var i = 0; i < changesEach; i++)
            {
                resource.Update(snapshot => snapshot with { State = i % 2 == 0 ? ResourceState.Starting : ResourceState.Running, ProcessId = i });
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(thread => thread.Start());
        var deadline = DateTime.UtcNow + TestResources.Patience;

        Assert.All(threads, thread => Assert.True(
            thread.Join(TimeSpan.FromTicks(Math.Max(0, (deadline - DateTime.UtcNow).Ticks))),
            "A change never completed: the reporter deadlocked."));
        Assert.Equal(app.Resources.Count * changesEach, Lines(output).Count);
    }

    private static List<string> Lines(StringWriter output) =>
        [.. output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)];
}
