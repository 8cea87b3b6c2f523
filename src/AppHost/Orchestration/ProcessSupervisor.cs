using System.ComponentModel;
using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Orchestration;

/// <summary>
/// Runs one resource's process: starts it, captures its output into the resource's log, watches its
/// health, restarts it with back-off when it ends unexpectedly, and stops it (SIGTERM, then kill).
/// A process without a probe counts as healthy while it runs, as in Aspire.
/// </summary>
internal sealed class ProcessSupervisor(
    Resource resource,
    LaunchSpec launch,
    IHealthProbe? probe,
    RestartPolicy restartPolicy,
    TimeSpan stopTimeout) : IResourceSupervisor
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private CancellationTokenSource? run;
    private ChildProcess? current;
    private Task? supervision;

    public Resource Resource => resource;

    /// <summary>Starts supervising, unless already doing so or stopped for good; after <see cref="StopRunAsync"/> it starts again.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (stopping.IsCancellationRequested || supervision is { IsCompleted: false })
            {
                return;
            }

            run?.Dispose();
            run = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var token = run.Token;
            supervision = Supervision.RunGuarded(resource, () => SuperviseAsync(token));
        }
    }

    public Task StopAsync()
    {
        lock (gate)
        {
            stopping.Cancel();
        }

        return StopRunAsync();
    }

    /// <summary>Stops the process, and restarts of it, until <see cref="Start"/> is called again (an operator's stop).</summary>
    public async Task StopRunAsync()
    {
        ChildProcess? process;
        Task? running;
        lock (gate)
        {
            run?.Cancel();
            process = current;
            running = supervision;
        }

        if (process is not null)
        {
            resource.Update(snapshot => snapshot.ProcessId == process.Id ? snapshot with { State = ResourceState.Stopping } : snapshot);
            await process.StopAsync(stopTimeout);
        }

        if (running is not null)
        {
            await running;
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (Launch(cancellationToken) is { } process)
        {
            var (exitCode, healthyFor) = await WatchUntilExitAsync(process);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            failures = restartPolicy.ConsecutiveFailures(failures, healthyFor);
            var delay = restartPolicy.DelayBefore(failures);
            resource.Logs.AppendFromAppHost($"Ended unexpectedly with exit code {exitCode}; restarting in {delay.TotalSeconds:0.###} s.");
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            resource.Update(snapshot => snapshot with { RestartCount = snapshot.RestartCount + 1 });
        }
    }

    /// <summary>Starts the next run, unless stopping; null when this supervision is over.</summary>
    private ChildProcess? Launch(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            try
            {
                current = ChildProcess.Start(launch, resource.Logs.Append);
            }
            catch (Win32Exception e)
            {
                resource.Logs.AppendFromAppHost($"Could not start {launch.FileName}: {e.Message}");
                resource.Update(snapshot => snapshot with { State = ResourceState.FailedToStart, Health = ResourceHealth.Unknown });
                return null;
            }

            var now = DateTimeOffset.UtcNow;
            resource.Update(snapshot => snapshot with
            {
                State = probe is null ? ResourceState.Running : ResourceState.Starting,
                Health = probe is null ? ResourceHealth.Healthy : ResourceHealth.Unknown,
                ProcessId = current.Id,
                ExitCode = null,
                StartedAt = now,
                HealthySince = probe is null ? now : null,
            });
            return current;
        }
    }

    private async Task<(int ExitCode, TimeSpan? HealthyFor)> WatchUntilExitAsync(ChildProcess process)
    {
        using var run = new CancellationTokenSource();
        var health = probe is null
            ? Task.CompletedTask
            : HealthMonitor.RunAsync(
                resource,
                probe,
                snapshot => snapshot.ProcessId == process.Id && snapshot.State is ResourceState.Starting or ResourceState.Running,
                run.Token);

        var exitCode = await process.Exited;
        await run.CancelAsync();
        await health;

        lock (gate)
        {
            current = null;
        }

        var healthySince = resource.Current.HealthySince;
        resource.Update(snapshot => snapshot with
        {
            State = exitCode == 0 ? ResourceState.Finished : ResourceState.Exited,
            Health = ResourceHealth.Unknown,
            ProcessId = null,
            ExitCode = exitCode,
            HealthySince = null,
        });
        return (exitCode, DateTimeOffset.UtcNow - healthySince);
    }
}
