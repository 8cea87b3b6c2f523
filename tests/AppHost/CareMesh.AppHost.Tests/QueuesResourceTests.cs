using Aspire.Hosting.ApplicationModel;
using CareMesh.AppHost.Messaging;
using CareMesh.Messaging.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareMesh.AppHost.Tests;

public class QueuesResourceTests
{
    private static readonly CustomResourceSnapshot Waiting = new() { ResourceType = "RabbitMQ queues", Properties = [] };

    [Fact]
    public void Each_queue_is_a_property_with_its_depth_consumers_and_rates_and_nothing_failed_is_healthy()
    {
        var snapshot = Queues.QueuesMonitor.Describe(Waiting,
        [
            new QueueSummary("/", "referral-received", "quorum", 3, 1, 0.5, 0.25),
            new QueueSummary("/", "referral-received_error", "quorum", 0, 0, 0, 0),
        ]);

        Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
        var queue = Assert.Single(snapshot.Properties, property => property.Name == "queue.referral-received");
        Assert.Equal("3 messages, 1 consumers, 0.5/s in, 0.2/s out", queue.Value);
        Assert.Equal(HealthStatus.Healthy, Assert.Single(snapshot.HealthReports).Status);
        Assert.All(snapshot.Properties, property => Assert.True(property.IsHighlighted, $"{property.Name} is hidden by default"));
    }

    [Fact]
    public void Failed_messages_make_the_resource_unhealthy_and_name_their_queue()
    {
        var snapshot = Queues.QueuesMonitor.Describe(Waiting,
        [
            new QueueSummary("/", "accepted", "quorum", 0, 1, 0, 0),
            new QueueSummary("/", "referral-received_error", "quorum", 2, 0, 0, 0),
        ]);

        var report = Assert.Single(snapshot.HealthReports);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("2 failed in referral-received_error", report.Description);
        Assert.Equal(["queue.referral-received_error", "queue.accepted"], snapshot.Properties.Select(property => property.Name));
    }
}
