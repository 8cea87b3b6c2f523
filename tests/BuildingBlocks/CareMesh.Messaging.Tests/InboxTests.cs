using CareMesh.Messaging.Inbox;
using CareMesh.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Messaging.Tests;

public class InboxTests(Ledger ledger) : IClassFixture<Ledger>
{
    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        using var host = await ledger.StartHostAsync(consume: true);
        var bus = host.Services.GetRequiredService<IBus>();
        var referral = Ledger.Referral();
        var messageId = Guid.NewGuid();

        await bus.Publish(referral, context => context.MessageId = messageId);
        await bus.Publish(referral, context => context.MessageId = messageId);

        await Eventually.TrueAsync(async () => await ledger.TimesAppliedAsync(referral.ReferralId) == 1);
        await Eventually.TrueAsync(async () => await ledger.Broker.CountMessagesAsync("ledger") == 0, what: "both copies handled");
        Assert.Equal(1, await ledger.TimesAppliedAsync(referral.ReferralId));
        await using var db = ledger.Open();
        Assert.Equal(1, await db.Set<InboxMessage>().CountAsync(m => m.MessageId == messageId));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_unapplied_and_the_consumer_goes_on()
    {
        using var host = await ledger.StartHostAsync(consume: true);
        var bus = host.Services.GetRequiredService<IBus>();
        var poison = Ledger.Referral(TestHost.LedgerConsumer.Poison);
        var good = Ledger.Referral();

        await bus.Publish(poison);
        await bus.Publish(good);

        await Eventually.TrueAsync(async () => await ledger.Broker.CountMessagesAsync("ledger_error") == 1, what: "the poison message in ledger_error");
        await Eventually.TrueAsync(async () => await ledger.TimesAppliedAsync(good.ReferralId) == 1, what: "the good message applied");
        // Each failed attempt rolled back its ledger entry together with its inbox row.
        Assert.Equal(0, await ledger.TimesAppliedAsync(poison.ReferralId));
        await host.StopAsync();
    }
}
