using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Messaging.Inbox;

/// <summary>
/// Runs each consumer inside one transaction of its service's database together with an
/// <c>inbox_messages</c> row for (message id, consumer). A message already recorded is acknowledged
/// without running the consumer again; a consumer that throws rolls back its change and the inbox row,
/// so the retry policy (and, after it, the error queue) sees the failure.
/// </summary>
public sealed class InboxFilter<TMessage>(MessagingDbContext messaging, TimeProvider clock) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var messageId = context.MessageId
                        ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var consumer = ConsumerName(context);
        var db = messaging.Context;

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        try
        {
            // The insert takes the row lock first: a duplicate delivered concurrently waits here, then finds it.
            var firstTime = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO inbox_messages (message_id, consumer, processed_at)
                VALUES ({messageId}, {consumer}, {clock.GetUtcNow()})
                ON CONFLICT DO NOTHING
                """,
                context.CancellationToken) == 1;

            if (firstTime)
            {
                await next.Send(context);
                await db.SaveChangesAsync(context.CancellationToken);
            }

            await transaction.CommitAsync(context.CancellationToken);
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            // A retry in the same scope must not see half-applied entities from this attempt.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");

    /// <summary>One consumer per receive endpoint, so the queue names the consumer.</summary>
    private static string ConsumerName(ConsumeContext context) =>
        context.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "default";
}

/// <summary>The service's own DbContext, as the inbox sees it (one per message scope).</summary>
public sealed record MessagingDbContext(DbContext Context);
