using MassTransit;

namespace CareMesh.Messaging;

public enum QueueType
{
    /// <summary>Replicated, for a clustered broker; also fine on a single node.</summary>
    Quorum,
    Classic,
}

/// <summary><c>Messaging:Queues</c>: how consumers' queues are declared. Durable always.</summary>
public sealed class QueueOptions
{
    public QueueType Type { get; set; } = QueueType.Quorum;

    /// <summary>
    /// Quorum queues only: deliveries after which the broker gives up on a message (a message that
    /// crashes its consumer's process every time). It then goes to the error queue, never nowhere.
    /// </summary>
    public int DeliveryLimit { get; set; } = 20;

    /// <summary>Messages a consumer holds and works on at once; each takes a database connection while it runs.</summary>
    public int PrefetchCount { get; set; } = 32;

    internal void Apply(string queueName, IRabbitMqReceiveEndpointConfigurator queue)
    {
        var errorQueue = $"{queueName}_error";
        queue.Durable = true;
        queue.PrefetchCount = PrefetchCount;
        // Whatever the broker dead-letters (delivery limit, rejection) lands in the same
        // <queue>_error that MassTransit moves failed messages to, where operations can see it.
        queue.SetQueueArgument("x-dead-letter-exchange", errorQueue);
        if (Type == QueueType.Quorum)
        {
            queue.SetQuorumQueue();
            queue.SetQueueArgument("x-delivery-limit", DeliveryLimit);
        }

        // Declared now, so dead-lettering has somewhere to go before anything has failed. MassTransit
        // declares the error queue with its receive queue's arguments; the broker refuses a second
        // declaration that differs, so this one must carry exactly the same.
        queue.BindDeadLetterQueue(errorQueue, errorQueue, error =>
        {
            error.SetQueueArgument("x-dead-letter-exchange", errorQueue);
            if (Type == QueueType.Quorum)
            {
                error.SetQueueArgument("x-queue-type", "quorum");
                error.SetQueueArgument("x-delivery-limit", DeliveryLimit);
            }
        });
    }
}
