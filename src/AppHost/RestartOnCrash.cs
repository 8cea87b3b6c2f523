using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareMesh.AppHost;

/// <summary>
/// Starts a service again when its process ends unexpectedly (a non-zero exit code), as the platform's
/// orchestrator in production would. One stopped from the dashboard ends with exit code 0 and stays stopped.
/// </summary>
internal sealed class RestartOnCrash(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<RestartOnCrash> logger) : BackgroundService
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var projects = model.Resources.Where(resource => resource is ProjectResource or BuiltProjectResource).Select(project => project.Name).ToHashSet(StringComparer.Ordinal);
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (!projects.Contains(update.Resource.Name)
                || !KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text)
                || update.Snapshot.ExitCode is null or 0
                || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                continue;
            }

            logger.LogWarning("{Resource} ended with exit code {ExitCode}; starting it again.", update.Resource.Name, update.Snapshot.ExitCode);
            await Task.Delay(Delay, stoppingToken);
            var result = await commands.ExecuteCommandAsync(update.ResourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                logger.LogError("{Resource} could not be started again: {Error}", update.Resource.Name, result.Message);
            }
        }
    }
}
