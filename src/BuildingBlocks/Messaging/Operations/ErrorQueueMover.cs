using RabbitMQ.Client;

namespace CareMesh.Messaging.Operations;

/// <summary>
/// Moves messages from <c>&lt;queue&gt;_error</c> back to <c>&lt;queue&gt;</c> once the cause of their
/// failure is mended. Each message is republished with its body, id and headers (less MassTransit's
/// fault headers), confirmed by the broker, and only then removed from the error queue: a crash
/// in between leaves a copy in both, which the consumer's inbox applies once.
/// </summary>
public static class ErrorQueueMover
{
    /// <summary>Moves up to <paramref name="limit"/> messages; returns how many moved.</summary>
    public static async Task<int> MoveBackAsync(Uri broker, string errorQueue, int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        if (!errorQueue.EndsWith(QueueSummary.ErrorSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{errorQueue}' is not an error queue (it must end in {QueueSummary.ErrorSuffix}).", nameof(errorQueue));
        }

        var target = errorQueue[..^QueueSummary.ErrorSuffix.Length];
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "caremesh-error-queue-mover" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        // Fails, before anything moves, when the source queue no longer exists.
        await channel.QueueDeclarePassiveAsync(target, cancellationToken);

        var moved = 0;
        while (moved < limit && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(header => !header.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && header.Key != "MT-Reason")
                    .ToDictionary(header => header.Key, header => header.Value),
            };
            await channel.BasicPublishAsync("", target, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }
}
