using CareMesh.Messaging.Operations;
using CareMesh.Messaging.TestHost;
using CareMesh.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Messaging.Tests.Operations;

public class ErrorQueueTests(Ledger ledger) : IClassFixture<Ledger>
{
    [Fact]
    public async Task A_failed_message_shows_in_its_error_queue_and_once_moved_back_is_applied_once()
    {
        var referral = Ledger.Referral(LedgerConsumer.Fragile);
        using (var broken = await ledger.StartHostAsync(consume: true, broken: true))
        {
            await broken.Services.GetRequiredService<IBus>().Publish(referral);
            await Eventually.TrueAsync(async () => await ledger.Broker.CountMessagesAsync("ledger_error") == 1, what: "the failure in ledger_error");
            await broken.StopAsync();
        }

        var queues = await BrokerQueues.For(TestVirtualHost.ManagementApi).ListAsync(ledger.Broker.Name);
        var errorQueue = Assert.Single(queues, q => q.IsErrorQueue);
        Assert.Equal(("ledger_error", "ledger", 1), (errorQueue.Name, errorQueue.SourceQueue, errorQueue.Messages));
        Assert.Contains(queues, q => q.Name == "ledger" && q.Type == "quorum");

        // The fault is mended (redeployed), then operations move the message back.
        using var mended = await ledger.StartHostAsync(consume: true);
        var moved = await ErrorQueueMover.MoveBackAsync(new Uri(ledger.Broker.ConnectionString), "ledger_error");

        Assert.Equal(1, moved);
        await Eventually.TrueAsync(async () => await ledger.TimesAppliedAsync(referral.ReferralId) == 1, what: "the moved message applied");
        // The management API's counts trail the queue by a few seconds.
        await Eventually.TrueAsync(async () => await ledger.Broker.CountMessagesAsync("ledger_error") == 0, what: "ledger_error emptied");
        await mended.StopAsync();
    }

    [Fact]
    public async Task Only_an_error_queue_can_be_moved_back() =>
        await Assert.ThrowsAsync<ArgumentException>(() => ErrorQueueMover.MoveBackAsync(new Uri(ledger.Broker.ConnectionString), "ledger"));
}
