using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Orchestration;

/// <summary>
/// Brings a PostgreSQL server or RabbitMQ broker within reach (through the infrastructure script when
/// the app host provides it) and watches its health. Stopping only stops watching: the server itself
/// is not the app host's to stop.
/// </summary>
internal sealed class InfrastructureSupervisor(Resource resource, IHealthProbe probe, InfrastructureScript? script) : IResourceSupervisor
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task? watching;

    public Resource Resource => resource;

    public void Start()
    {
        lock (gate)
        {
            watching ??= Supervision.RunGuarded(resource, () => WatchAsync(stopping.Token));
        }
    }

    public async Task StopAsync()
    {
        Task? running;
        lock (gate)
        {
            stopping.Cancel();
            running = watching;
        }

        if (running is not null)
        {
            await running;
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        resource.Update(snapshot => snapshot with { State = ResourceState.Starting });
        if (script is not null && !await script.EnsureRanAsync(cancellationToken))
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                resource.Update(snapshot => snapshot with { State = ResourceState.FailedToStart });
            }

            return;
        }

        resource.Logs.AppendFromAppHost($"Waiting for {string.Join(", ", resource.Endpoints)} to accept connections");
        await HealthMonitor.RunAsync(
            resource,
            probe,
            snapshot => snapshot.State is ResourceState.Starting or ResourceState.Running,
            cancellationToken);
    }
}
