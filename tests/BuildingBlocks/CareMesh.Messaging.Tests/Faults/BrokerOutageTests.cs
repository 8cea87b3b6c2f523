using CareMesh.Contracts.Referrals;
using CareMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Messaging.Tests.Faults;

/// <summary>The broker stops while the service keeps committing changes: nothing may be lost.</summary>
public class BrokerOutageTests(Ledger ledger) : IClassFixture<Ledger>
{
    [Fact]
    public async Task Events_committed_while_the_broker_is_down_all_arrive_once_after_it_returns()
    {
        await using var broker = new PrivateBroker();
        await broker.StartAsync();
        using var consumer = await ledger.StartHostAsync(consume: true, broker.ConnectionString);
        using var producer = await ledger.StartHostAsync(consume: false, broker.ConnectionString);
        var committed = new List<ReferralReceived>();

        await CommitAsync(producer, 20, committed);
        await broker.StopAsync();
        // The service stays up and keeps taking writes: they wait in its outbox.
        await CommitAsync(producer, 50, committed);
        Assert.True(await ledger.UnsentCountAsync() > 0);
        await broker.StartAsync();
        await CommitAsync(producer, 20, committed);

        foreach (var referral in committed)
        {
            await Eventually.TrueAsync(async () => await ledger.TimesAppliedAsync(referral.ReferralId) >= 1,
                TimeSpan.FromSeconds(90), $"referral {referral.ReferralId} applied");
        }

        Assert.Equal(0, await ledger.UnsentCountAsync());
        foreach (var referral in committed)
        {
            Assert.Equal(1, await ledger.TimesAppliedAsync(referral.ReferralId));
        }

        await Task.WhenAll(producer.StopAsync(), consumer.StopAsync());
    }

    private static async Task CommitAsync(IHost producer, int count, List<ReferralReceived> committed)
    {
        for (var i = 0; i < count; i++)
        {
            var referral = Ledger.Referral();
            await Ledger.CommitAsync(producer, referral);
            committed.Add(referral);
        }
    }
}
