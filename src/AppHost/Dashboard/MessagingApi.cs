using CareMesh.AppHost.Telemetry;
using CareMesh.Messaging.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.AppHost.Dashboard;

/// <summary>A service's transactional outbox, from the gauges it exports (meter CareMesh.Messaging).</summary>
public sealed record OutboxView(string Resource, double Pending, double Failing, double OldestPendingAgeSeconds);

/// <summary>The broker's queues in the platform's virtual host (or why they could not be read), and every outbox.</summary>
public sealed record MessagingView(string VirtualHost, IReadOnlyList<QueueSummary> Queues, string? BrokerError, IReadOnlyList<OutboxView> Outboxes);

/// <summary>RabbitMQ queues, outboxes, error queues' messages, and moving failed messages back.</summary>
public static class MessagingApi
{
    private const int MaxPeek = 100;

    public static RouteGroupBuilder MapMessagingApi(this IEndpointRouteBuilder endpoints)
    {
        var messaging = endpoints.MapGroup("/api/messaging");
        messaging.MapGet("/", OverviewAsync);
        messaging.MapGet("/queues/{queue}/messages", PeekAsync);
        messaging.MapPost("/queues/{queue}/requeue", RequeueAsync);
        return messaging;
    }

    private static async Task<Ok<MessagingView>> OverviewAsync(CareMeshApp app, BrokerQueues broker, TelemetryIngest telemetry, CancellationToken cancellationToken)
    {
        var virtualHost = app.Infrastructure.MessagingVirtualHost;
        IReadOnlyList<QueueSummary> queues = [];
        string? error = null;
        try
        {
            queues = await broker.ListAsync(virtualHost, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            // The broker being down is something to show, not a failure of the page.
            error = $"RabbitMQ's management API could not be read: {e.Message}";
        }

        var outboxes = app.Resources.Values
            .Select(resource => resource.Name)
            .Where(name => telemetry.Metrics.Latest(name, "caremesh.outbox.pending") is not null)
            .Select(name => new OutboxView(
                name,
                telemetry.Metrics.Latest(name, "caremesh.outbox.pending") ?? 0,
                telemetry.Metrics.Latest(name, "caremesh.outbox.failing") ?? 0,
                telemetry.Metrics.Latest(name, "caremesh.outbox.oldest_pending_age") ?? 0))
            .ToList();
        return TypedResults.Ok(new MessagingView(virtualHost, queues, error, outboxes));
    }

    private static async Task<Results<Ok<IReadOnlyList<QueuedMessage>>, ProblemHttpResult>> PeekAsync(
        string queue, int? count, CareMeshApp app, BrokerQueues broker, CancellationToken cancellationToken)
    {
        if (count is < 1 or > MaxPeek)
        {
            return TypedResults.Problem($"count must be between 1 and {MaxPeek}.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            return TypedResults.Ok(await broker.PeekAsync(app.Infrastructure.MessagingVirtualHost, queue, count ?? 20, cancellationToken));
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return TypedResults.Problem($"There is no queue named '{queue}'.", statusCode: StatusCodes.Status404NotFound);
        }
    }

    private static async Task<Results<Ok<RequeueResult>, ProblemHttpResult>> RequeueAsync(string queue, CareMeshApp app, CancellationToken cancellationToken)
    {
        if (!queue.EndsWith(QueueSummary.ErrorSuffix, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                $"'{queue}' is not an error queue: only messages in <queue>{QueueSummary.ErrorSuffix} are moved back.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var moved = await ErrorQueueMover.MoveBackAsync(new Uri(app.Infrastructure.Messaging), queue, cancellationToken: cancellationToken);
            return TypedResults.Ok(new RequeueResult(queue, queue[..^QueueSummary.ErrorSuffix.Length], moved));
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e)
        {
            return TypedResults.Problem($"Nothing moved: {e.Message}", statusCode: StatusCodes.Status409Conflict);
        }
    }
}

public sealed record RequeueResult(string From, string To, int Moved);
