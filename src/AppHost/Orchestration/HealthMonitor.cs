using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Orchestration;

/// <summary>
/// Polls a resource's probe and records the answer: often while it starts, less often once it runs.
/// The first healthy answer moves it from Starting to Running.
/// </summary>
internal static class HealthMonitor
{
    private static readonly TimeSpan WhileStarting = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WhileRunning = TimeSpan.FromSeconds(5);

    /// <param name="appliesTo">
    /// Whether an answer still concerns the resource's current run: one that comes back after its
    /// process has ended must not mark the next run healthy.
    /// </param>
    public static async Task RunAsync(Resource resource, IHealthProbe probe, Func<ResourceSnapshot, bool> appliesTo, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var healthy = await probe.IsHealthyAsync(cancellationToken);
                var now = DateTimeOffset.UtcNow;
                var snapshot = resource.Update(current => !appliesTo(current) ? current : current with
                {
                    Health = healthy ? ResourceHealth.Healthy : ResourceHealth.Unhealthy,
                    State = healthy && current.State == ResourceState.Starting ? ResourceState.Running : current.State,
                    HealthySince = healthy ? current.HealthySince ?? now : current.HealthySince,
                });
                await Task.Delay(snapshot.State == ResourceState.Running ? WhileRunning : WhileStarting, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
