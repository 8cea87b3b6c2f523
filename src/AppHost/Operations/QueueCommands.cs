using CareMesh.Messaging.Operations;

namespace CareMesh.AppHost.Operations;

/// <summary>
/// Operations' commands on the broker, for a terminal (the dashboard's queues resource shows the same):
/// <c>queues</c> lists every queue with its depth, consumers and rates, error queues marked;
/// <c>requeue &lt;queue&gt;_error [limit]</c> moves failed messages back to their queue once the cause is mended.
/// </summary>
internal static class QueueCommands
{
    public static readonly string[] Names = ["queues", "requeue"];

    public static async Task<int> RunAsync(string[] args, CareMeshSettings settings, TextWriter output)
    {
        try
        {
            return await RunCommandAsync(args, settings, output);
        }
        catch (Exception e) when (e is ArgumentException or HttpRequestException or RabbitMQ.Client.Exceptions.RabbitMQClientException
                                       or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // A person typed this: say what is wrong, not where in the code.
            output.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunCommandAsync(string[] args, CareMeshSettings settings, TextWriter output)
    {
        var broker = settings.Messaging;
        switch (args)
        {
            case ["queues", ..]:
                var queues = await BrokerQueues.For(settings.ManagementApi).ListAsync();
                output.WriteLine($"{"vhost",-24} {"queue",-40} {"type",-7} {"messages",9} {"consumers",9} {"in/s",7} {"out/s",7}");
                foreach (var q in queues)
                {
                    var note = q.IsErrorQueue && q.Messages > 0 ? $"  failed messages from {q.SourceQueue}: ./caremesh requeue {q.Name}" : "";
                    output.WriteLine($"{q.VirtualHost,-24} {q.Name,-40} {q.Type,-7} {q.Messages,9} {q.Consumers,9} {q.PublishRate,7:F1} {q.DeliverRate,7:F1}{note}");
                }

                return 0;
            case ["requeue", var errorQueue, .. var rest]:
                var limit = rest is [var count, ..] && int.TryParse(count, out var parsed) ? parsed : int.MaxValue;
                var moved = await ErrorQueueMover.MoveBackAsync(broker, errorQueue, limit);
                output.WriteLine($"Moved {moved} message(s) from {errorQueue} back to {errorQueue[..^QueueSummary.ErrorSuffix.Length]}.");
                return 0;
            default:
                output.WriteLine("usage: queues | requeue <queue>_error [limit]");
                return 2;
        }
    }
}
