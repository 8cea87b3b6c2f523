using System.Collections.Immutable;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using CareMesh.Messaging.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareMesh.AppHost.Messaging;

/// <summary>The broker's queues on the dashboard: one property per queue (depth, consumers, rates), failed messages as its health.</summary>
public sealed class QueuesResource(string name) : Resource(name);

/// <summary>
/// The <c>queues</c> resource: RabbitMQ's queues in the platform's virtual host, read from its management API
/// every few seconds, and a command that moves every error queue's messages back to the queue they came from
/// (<see cref="ErrorQueueMover"/>). Only names and counts are shown, never a message body: messages carry patient data.
/// </summary>
public static class Queues
{
    public const string Name = "queues";
    public const string RequeueCommand = "requeue-failed";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    public static IResourceBuilder<QueuesResource> AddQueues(this IDistributedApplicationBuilder builder, CareMeshSettings settings, IResourceBuilder<IResource> broker)
    {
        var latest = new LatestQueues();
        var queues = builder.AddResource(new QueuesResource(Name))
            .WithParentRelationship(broker)
            .WithIconName("TextBulletListSquare")
            .ExcludeFromManifest()
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "RabbitMQ queues",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithCommand(RequeueCommand, "Move failed messages back", async context =>
            {
                var moved = new List<string>();
                foreach (var queue in latest.Value.Where(queue => queue is { IsErrorQueue: true, Messages: > 0 }))
                {
                    var count = await ErrorQueueMover.MoveBackAsync(settings.Messaging, queue.Name, cancellationToken: context.CancellationToken);
                    moved.Add($"{count} from {queue.Name} to {queue.SourceQueue}");
                }

                return moved.Count == 0
                    ? CommandResults.Failure("No error queue holds a message.")
                    : CommandResults.Success($"Moved {string.Join("; ", moved)}.");
            }, new CommandOptions
            {
                Description = "Moves every message in the <queue>_error queues back to <queue>, to be consumed again.",
                ConfirmationMessage = "Move every failed message back to its queue? Do this once the cause of the failures is mended.",
                IconName = "ArrowRedo",
                UpdateState = _ => latest.Value.Any(queue => queue is { IsErrorQueue: true, Messages: > 0 })
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });

        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddHostedService(services => new QueuesMonitor(
                queues.Resource, broker.Resource.Name, settings, latest,
                services.GetRequiredService<ResourceNotificationService>(),
                services.GetRequiredService<ILogger<QueuesMonitor>>()));
        }

        return queues;
    }

    /// <summary>What the command acts on: the queues as last read.</summary>
    internal sealed class LatestQueues
    {
        public volatile IReadOnlyList<QueueSummary> Value = [];
    }

    internal sealed class QueuesMonitor(
        QueuesResource resource,
        string broker,
        CareMeshSettings settings,
        LatestQueues latest,
        ResourceNotificationService notifications,
        ILogger<QueuesMonitor> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await notifications.WaitForResourceHealthyAsync(broker, stoppingToken);
            var api = BrokerQueues.For(settings.ManagementApi);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                try
                {
                    var queues = await api.ListAsync(settings.MessagingVirtualHost, stoppingToken);
                    latest.Value = queues;
                    await notifications.PublishUpdateAsync(resource, snapshot => Describe(snapshot, queues));
                }
                catch (HttpRequestException e)
                {
                    // The broker being down is something to show, not a failure of the app host.
                    logger.LogWarning("RabbitMQ's management API could not be read: {Error}", e.Message);
                    await notifications.PublishUpdateAsync(resource, snapshot => snapshot with
                    {
                        State = new ResourceStateSnapshot("Broker unreachable", KnownResourceStateStyles.Error),
                    });
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }

        internal static CustomResourceSnapshot Describe(CustomResourceSnapshot snapshot, IReadOnlyList<QueueSummary> queues)
        {
            var failed = queues.Where(queue => queue is { IsErrorQueue: true, Messages: > 0 }).ToList();
            var health = failed.Count == 0
                ? new HealthReportSnapshot("error queues", HealthStatus.Healthy, "No failed messages.", null)
                : new HealthReportSnapshot("error queues", HealthStatus.Unhealthy,
                    string.Join("; ", failed.Select(queue => $"{queue.Messages} failed in {queue.Name}")) + ". Mend the cause, then run 'Move failed messages back'.", null);
            return (snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = snapshot.StartTimeStamp ?? DateTime.UtcNow,
                // Every queue highlighted: the dashboard hides other custom properties behind a toggle, and the
                // depths are what this resource is for. Queues holding failed messages come first.
                Properties = [.. queues
                    .OrderBy(queue => failed.Contains(queue) ? 0 : 1)
                    .ThenBy(queue => queue.Name, StringComparer.Ordinal)
                    .Select(queue => new ResourcePropertySnapshot(
                    $"queue.{queue.Name}",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{queue.Messages} messages, {queue.Consumers} consumers, {queue.PublishRate:F1}/s in, {queue.DeliverRate:F1}/s out"))
                {
                    DisplayName = queue.Name,
                    IsHighlighted = true,
                })],
            }).WithHealthReports([health]);
        }
    }
}
