using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareMesh.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows of <typeparamref name="TContext"/>'s database. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of replicas can run this side by side without
/// publishing a row twice at the same time; a row is marked sent only after the broker confirms it.
/// </summary>
internal sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    OutboxMetrics metrics,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly ActivitySource Source = new(MessagingTelemetry.ActivitySourceName);
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = clock.GetUtcNow();
        var nextMeasure = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimedFullBatch = false;
            try
            {
                claimedFullBatch = await DispatchBatchAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextMeasure)
                {
                    await MeasureBacklogAsync(stoppingToken);
                    nextMeasure = clock.GetUtcNow() + _options.BacklogMeasureInterval;
                }

                if (clock.GetUtcNow() >= nextCleanup)
                {
                    await DeleteExpiredSentRowsAsync(stoppingToken);
                    nextCleanup = clock.GetUtcNow().AddHours(1);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database itself is unreachable: nothing was marked, so the next pass retries it all.
                logger.LogError(ex, "Outbox dispatch pass failed; retrying after the poll interval");
            }

            if (!claimedFullBatch)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes one batch of due rows; true when the batch was full and more may be waiting.</summary>
    internal async Task<bool> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var due = await db.Set<OutboxMessage>()
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND next_attempt_at <= {now}
                ORDER BY next_attempt_at, sequence
                LIMIT {_options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        // The whole batch is in flight at once: each publish waits for its own broker confirm, and the
        // round trips overlap instead of queueing one behind another.
        var failures = await Task.WhenAll(due.Select(async message =>
        {
            try
            {
                await PublishAsync(message, cancellationToken);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return ex;
            }
        }));

        var settledAt = clock.GetUtcNow();
        for (var i = 0; i < due.Count; i++)
        {
            var message = due[i];
            if (failures[i] is not { } failure)
            {
                message.SentAt = settledAt;
                message.LastError = null;
                metrics.Published();
                continue;
            }

            metrics.PublishFailed();
            message.Attempts++;
            message.LastError = Truncate(failure.Message, 2000);
            message.NextAttemptAt = settledAt + _options.RetryDelayAfter(message.Attempts);
        }

        if (failures.FirstOrDefault(f => f is not null) is { } first)
        {
            // One line per batch: when the broker is away, every message in it fails the same way.
            logger.LogWarning(first, "Publishing {Failed} of {Count} outbox messages failed; they will be retried with back-off",
                failures.Count(f => f is not null), due.Count);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count == _options.BatchSize && failures.All(f => f is null);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var messageType = MessageTypes.Resolve(message.MessageType);
        var payload = JsonSerializer.Deserialize(message.Payload, messageType, MessageTypes.SerializerOptions)
                      ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload.");

        // Continue the trace of the request that caused the event, so it runs on into the consumer.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        var name = $"outbox publish {messageType.Name}";
        // Unsampled or unobserved, the source gives no activity; a bare one still carries the context on.
        using var activity = Source.StartActivity(name, ActivityKind.Producer, parent)
                             ?? (parent == default ? null : new Activity(name).SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags).Start());
        activity?.SetTag("messaging.message.id", message.Id);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            await bus.Publish(payload, messageType, context => context.MessageId = message.Id, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm the publish within {_options.PublishTimeout}.");
        }
    }

    private async Task MeasureBacklogAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        metrics.Observed(await OutboxBacklog.ReadAsync(scope.ServiceProvider.GetRequiredService<TContext>(), clock, cancellationToken));
    }

    private async Task DeleteExpiredSentRowsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = clock.GetUtcNow() - _options.SentRetention;
        var deleted = await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} outbox messages sent before {Cutoff}", deleted, cutoff);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
