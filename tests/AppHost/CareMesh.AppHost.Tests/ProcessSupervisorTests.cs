using System.Collections.Concurrent;
using CareMesh.AppHost.Model;
using CareMesh.AppHost.Orchestration;

namespace CareMesh.AppHost.Tests;

/// <summary>Real child processes (/bin/sh) through the runner the app host uses for the services.</summary>
public class ProcessSupervisorTests
{
    private static ProcessSupervisor Supervise(Resource resource, LaunchSpec launch, IHealthProbe? probe = null, TimeSpan? stopTimeout = null) =>
        new(resource, launch, probe, TestResources.QuickRestarts, stopTimeout ?? TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Output_lands_in_the_log_and_an_unexpected_exit_is_followed_by_a_restart()
    {
        var resource = TestResources.Process();
        var seen = new ConcurrentQueue<ResourceSnapshot>();
        resource.Changed += change => seen.Enqueue(change.Current);
        var supervisor = Supervise(resource, TestResources.Shell("echo hello; echo oops >&2; sleep 0.2; exit 3"));

        supervisor.Start();
        var restarted = await resource.WaitUntil(snapshot => snapshot.RestartCount >= 1 && snapshot.ProcessId is not null);
        await supervisor.StopAsync();

        var lines = resource.Logs.Snapshot();
        Assert.Contains(lines, line => line is { Stream: LogStream.StandardOutput, Text: "hello" });
        Assert.Contains(lines, line => line is { Stream: LogStream.StandardError, Text: "oops" });
        Assert.Contains(lines, line => line.Stream == LogStream.AppHost && line.Text.Contains("exit code 3"));
        Assert.Contains(seen, snapshot => snapshot is { State: ResourceState.Exited, ExitCode: 3, ProcessId: null });
        Assert.Contains(seen, snapshot => snapshot is { State: ResourceState.Running, Health: ResourceHealth.Healthy, RestartCount: 1 });
        Assert.Null(resource.ProcessId);
        Assert.False(TestResources.IsAlive(restarted.ProcessId!.Value));
    }

    [Fact]
    public async Task The_injected_environment_reaches_the_process()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(
            resource,
            TestResources.Shell("echo \"url=$ASPNETCORE_URLS\"; exec sleep 300", new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:6001" }));

        supervisor.Start();
        await resource.WaitForLine(line => line.Text.StartsWith("url=", StringComparison.Ordinal));
        await supervisor.StopAsync();

        Assert.Contains(resource.Logs.Snapshot(), line => line.Text == "url=http://127.0.0.1:6001");
    }

    [Fact]
    public async Task Stopping_asks_the_process_to_end_with_sigterm_first()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(resource, TestResources.Shell("trap 'echo terminated; exit 0' TERM; echo ready; while :; do sleep 0.1; done"));

        supervisor.Start();
        await resource.WaitForLine(line => line.Text == "ready");
        var processId = resource.ProcessId!.Value;
        await supervisor.StopAsync();

        Assert.Contains(resource.Logs.Snapshot(), line => line.Text == "terminated");
        Assert.Equal(ResourceState.Finished, resource.State);
        Assert.Equal(0, resource.Current.ExitCode);
        Assert.Equal(0, resource.RestartCount);
        Assert.False(TestResources.IsAlive(processId));
    }

    [Fact]
    public async Task A_process_that_ignores_sigterm_is_killed_with_its_children()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(
            resource,
            TestResources.Shell("trap '' TERM; sleep 300 & echo \"child $!\"; wait"),
            stopTimeout: TimeSpan.FromMilliseconds(300));

        supervisor.Start();
        var childLine = await resource.WaitForLine(line => line.Text.StartsWith("child ", StringComparison.Ordinal));
        var child = int.Parse(childLine.Text["child ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var shell = resource.ProcessId!.Value;
        await supervisor.StopAsync();

        Assert.False(TestResources.IsAlive(shell));
        Assert.False(TestResources.IsAlive(child));
        Assert.Equal(ResourceState.Exited, resource.State);
        Assert.Equal(0, resource.RestartCount);
    }

    [Fact]
    public async Task A_process_in_its_own_session_keeps_the_pid_the_supervisor_watches()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(
            resource,
            TestResources.Shell("echo \"pid $$ session $(cut -d' ' -f6 /proc/$$/stat)\"; exec sleep 300") with { OwnSession = true });

        supervisor.Start();
        var line = await resource.WaitForLine(line => line.Text.StartsWith("pid ", StringComparison.Ordinal));
        var processId = resource.ProcessId!.Value;
        await supervisor.StopAsync();

        Assert.Equal($"pid {processId} session {processId}", line.Text);
        Assert.False(TestResources.IsAlive(processId));
    }

    [Fact]
    public async Task A_program_that_cannot_be_run_fails_to_start_and_is_not_retried()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(resource, new LaunchSpec("/nonexistent/caremesh-service", [], Path.GetTempPath(), new Dictionary<string, string>()));

        supervisor.Start();
        await resource.WaitUntil(snapshot => snapshot.State == ResourceState.FailedToStart);
        await supervisor.StopAsync();

        Assert.Equal(0, resource.RestartCount);
        Assert.Contains(resource.Logs.Snapshot(), line => line.Stream == LogStream.AppHost && line.Text.Contains("/nonexistent/caremesh-service"));
    }

    [Fact]
    public async Task A_probed_process_stays_starting_until_its_probe_answers_healthy()
    {
        var resource = TestResources.Process();
        var probe = new SwitchableProbe();
        var supervisor = Supervise(resource, TestResources.Shell("exec sleep 300"), probe);

        supervisor.Start();
        var unhealthy = await resource.WaitUntil(snapshot => snapshot.Health == ResourceHealth.Unhealthy);
        probe.Healthy = true;
        var running = await resource.WaitUntil(snapshot => snapshot.State == ResourceState.Running);
        await supervisor.StopAsync();

        Assert.Equal(ResourceState.Starting, unhealthy.State);
        Assert.Equal(ResourceHealth.Healthy, running.Health);
        Assert.NotNull(running.HealthySince);
        Assert.Equal(unhealthy.ProcessId, running.ProcessId);
    }

    [Fact]
    public async Task Stopping_before_starting_starts_nothing()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(resource, TestResources.Shell("echo should-not-run"));

        await supervisor.StopAsync();
        supervisor.Start();
        await supervisor.StopAsync();

        Assert.Equal(ResourceState.NotStarted, resource.State);
        Assert.Empty(resource.Logs.Snapshot());
    }

    [Fact]
    public async Task An_operator_stop_is_not_followed_by_a_restart_and_start_runs_it_again()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(resource, TestResources.Shell("echo ready; exec sleep 300"));

        supervisor.Start();
        await resource.WaitForLine(line => line.Text == "ready");
        var first = resource.ProcessId!.Value;
        await supervisor.StopRunAsync();
        var stopped = resource.Current;
        // Longer than the quick restart policy's delay: a restart would have happened by now.
        await Task.Delay(TestResources.QuickRestarts.DelayBefore(1) * 4);
        var stillStopped = resource.Current;

        supervisor.Start();
        var again = await resource.WaitUntil(snapshot => snapshot.ProcessId is not null);
        await supervisor.StopAsync();

        Assert.Null(stopped.ProcessId);
        Assert.Contains(stopped.State, new[] { ResourceState.Exited, ResourceState.Finished });
        Assert.Null(stillStopped.ProcessId);
        Assert.Equal(0, stillStopped.RestartCount);
        Assert.False(TestResources.IsAlive(first));
        Assert.NotEqual(first, again.ProcessId);
        Assert.Equal(ResourceState.Running, again.State);
    }

    [Fact]
    public async Task After_stopping_for_good_start_runs_nothing()
    {
        var resource = TestResources.Process();
        var supervisor = Supervise(resource, TestResources.Shell("echo ready; exec sleep 300"));

        supervisor.Start();
        await resource.WaitForLine(line => line.Text == "ready");
        await supervisor.StopAsync();
        supervisor.Start();

        Assert.Null(resource.ProcessId);
        Assert.Single(resource.Logs.Snapshot(), line => line.Text == "ready");
    }

    private sealed class SwitchableProbe : IHealthProbe
    {
        public volatile bool Healthy;

        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(Healthy);
    }
}
