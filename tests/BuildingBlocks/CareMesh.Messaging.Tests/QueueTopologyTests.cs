using CareMesh.Testing;

namespace CareMesh.Messaging.Tests;

public class QueueTopologyTests(Ledger ledger) : IClassFixture<Ledger>
{
    [Fact]
    public async Task Consumer_queues_are_durable_quorum_queues_that_dead_letter_into_their_error_queue()
    {
        using var host = await ledger.StartHostAsync(consume: true);

        var queue = await ledger.Broker.DescribeQueueAsync("ledger");

        Assert.NotNull(queue);
        Assert.Equal("quorum", queue.Value.Type);
        Assert.Equal("ledger_error", queue.Value.Arguments["x-dead-letter-exchange"].GetString());
        Assert.Equal(20, queue.Value.Arguments["x-delivery-limit"].GetInt32());
        // The dead-letter target exists before anything has failed.
        Assert.NotNull(await ledger.Broker.DescribeQueueAsync("ledger_error"));
        await host.StopAsync();
    }
}
