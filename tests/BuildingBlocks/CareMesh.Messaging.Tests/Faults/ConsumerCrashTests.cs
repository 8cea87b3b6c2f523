using System.Diagnostics;
using CareMesh.Messaging.Inbox;
using CareMesh.Messaging.TestHost;
using CareMesh.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Messaging.Tests.Faults;

/// <summary>The consuming process dies in the middle of handling a message.</summary>
public class ConsumerCrashTests(Ledger ledger) : IClassFixture<Ledger>
{
    [Fact]
    public async Task A_message_whose_consumer_was_killed_mid_handling_is_redelivered_and_applied_once()
    {
        using var producer = await ledger.StartHostAsync(consume: false);
        var referral = Ledger.Referral(LedgerConsumer.Slow);

        var handling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var first = StartConsumerProcess(line =>
               {
                   if (line == $"handling {referral.ReferralId}")
                   {
                       handling.TrySetResult();
                   }
               }))
        {
            await Eventually.TrueAsync(async () => await ledger.Broker.CountConsumersAsync("ledger") == 1, what: "the consumer process attached");
            await producer.Services.GetRequiredService<IBus>().Publish(referral);
            await handling.Task.WaitAsync(TimeSpan.FromSeconds(60));

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        // Its transaction died with it: nothing applied, nothing recorded in the inbox.
        Assert.Equal(0, await ledger.TimesAppliedAsync(referral.ReferralId));

        using var second = StartConsumerProcess(_ => { });
        try
        {
            await Eventually.TrueAsync(async () => await ledger.TimesAppliedAsync(referral.ReferralId) == 1, TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(async () => await ledger.Broker.CountMessagesAsync("ledger") == 0, what: "the queue drained");
            Assert.Equal(1, await ledger.TimesAppliedAsync(referral.ReferralId));
            await using var db = ledger.Open();
            Assert.Equal(1, await db.Set<InboxMessage>().CountAsync());
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        await producer.StopAsync();
    }

    private Process StartConsumerProcess(Action<string> onOutput) =>
        TestProcess.Start("dotnet", [typeof(LedgerHost).Assembly.Location, .. ledger.HostArguments(consume: true)], onOutput: onOutput);
}
