using System.Collections.Concurrent;
using System.Diagnostics;
using CareMesh.Messaging.Outbox;
using CareMesh.Messaging.TestHost;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareMesh.Messaging.Tests.Outbox;

public class OutboxDeliveryTests(Ledger ledger) : IClassFixture<Ledger>
{
    private const string ReferralReceivedExchange = "CareMesh.Contracts.Referrals:ReferralReceived";

    [Fact]
    public async Task A_committed_event_is_delivered_and_applied_once()
    {
        using var host = await ledger.StartHostAsync(consume: true);
        var referral = Ledger.Referral();

        await Ledger.CommitAsync(host, referral);

        await Eventually.TrueAsync(async () => await ledger.TimesAppliedAsync(referral.ReferralId) == 1, what: "the referral applied");
        await Eventually.TrueAsync(async () => await ledger.UnsentCountAsync() == 0, what: "the outbox row marked sent");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        using var host = await ledger.StartHostAsync(consume: true);
        var rolledBack = Ledger.Referral();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // Committed after the rolled-back one: once it is applied, the dispatcher has had its chance.
        var committed = Ledger.Referral();
        await Ledger.CommitAsync(host, committed);
        await Eventually.TrueAsync(async () => await ledger.TimesAppliedAsync(committed.ReferralId) == 1);

        Assert.Equal(0, await ledger.TimesAppliedAsync(rolledBack.ReferralId));
        await using var check = ledger.Open();
        var rowsForIt = await check.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE payload->>'referralId' = {rolledBack.ReferralId.ToString()}")
            .SingleAsync();
        Assert.Equal(0, rowsForIt);
        await host.StopAsync();
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_never_publish_a_row_twice()
    {
        // A queue of the test's own counts every publish, before any inbox could hide a duplicate.
        await ledger.Broker.BindQueueAsync(ReferralReceivedExchange, "publish-probe");
        using var first = await ledger.StartHostAsync(consume: false);
        using var second = await ledger.StartHostAsync(consume: false);
        const int events = 400;

        // Both replicas commit, so both are woken and race for the same rows.
        await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await Ledger.CommitAsync(i % 2 == 0 ? first : second, Ledger.Referral()));

        await Eventually.TrueAsync(async () => await ledger.UnsentCountAsync() == 0, what: "every row sent");
        await Eventually.TrueAsync(async () => await ledger.Broker.CountMessagesAsync("publish-probe") >= events, what: "every publish counted");
        // The management API's counts lag a little: give a duplicate time to show before concluding.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(events, await ledger.Broker.CountMessagesAsync("publish-probe"));
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
    }

    [Fact]
    public async Task The_consumer_continues_the_trace_of_the_request_that_caused_the_event()
    {
        var consumeTraces = new ConcurrentDictionary<string, ActivityTraceId>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Consumer && activity.GetTagItem("messaging.message.id") is string id)
                {
                    consumeTraces[id] = activity.TraceId;
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var host = await ledger.StartHostAsync(consume: true);

        // Stands for the HTTP request that made the change.
        using var requestSource = new ActivitySource("CareMesh.Tests.Request");
        using var requestListener = new ActivityListener
        {
            ShouldListenTo = source => source == requestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(requestListener);
        OutboxMessage row;
        ActivityTraceId requestTrace;
        using (var request = requestSource.StartActivity("POST /api/referrals", ActivityKind.Server)!)
        {
            requestTrace = request.TraceId;
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            row = db.AddIntegrationEvent(Ledger.Referral());
            await db.SaveChangesAsync();
        }

        var consumedIn = await Eventually.Until(
            () => Task.FromResult(consumeTraces.TryGetValue(row.Id.ToString(), out var trace) ? trace : default),
            trace => trace != default, what: "the consume span");
        Assert.Equal(requestTrace, consumedIn);
        await host.StopAsync();
    }
}
