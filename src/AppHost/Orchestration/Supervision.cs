using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Orchestration;

internal static class Supervision
{
    /// <summary>
    /// Runs a supervision loop in the background. Should it fail (a bug, not a failing process), the
    /// resource says so in its state and log rather than seeming to start forever.
    /// </summary>
    public static Task RunGuarded(Resource resource, Func<Task> supervise) => Task.Run(async () =>
    {
        try
        {
            await supervise();
        }
        catch (Exception e)
        {
            resource.Logs.AppendFromAppHost($"The app host stopped supervising {resource.Name}: {e}");
            resource.Update(snapshot => snapshot with { State = ResourceState.FailedToStart, Health = ResourceHealth.Unknown });
        }
    });
}
