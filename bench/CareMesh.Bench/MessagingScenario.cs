using System.Collections.Concurrent;
using System.Diagnostics;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Messaging.TestHost;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Bench;

/// <summary>
/// Events committed through one service's outbox (its own database), published with publisher
/// confirms to a durable quorum queue, and applied by another service's inbox (its own database).
/// Commit-to-consumed latency runs from the producer's commit returning to the consumer applying.
/// </summary>
public static class MessagingScenario
{
    public static async Task RunAsync(BenchArguments args)
    {
        var events = args.Int("events", 20_000);
        var committers = args.Int("committers", 16);
        var rate = args.Int("rate", 100);
        var seconds = args.Int("seconds", 30);
        var restartRate = args.Int("restart-rate", 200);
        var restarts = args.Int("restarts", 2);

        Console.WriteLine($"messaging: outbox -> RabbitMQ (quorum queue, publisher confirms) -> inbox, on {Environment.ProcessorCount} cores");

        await using (var vhost = await TestVirtualHost.CreateAsync("bench"))
        await using (var pair = await ServicePair.StartAsync(vhost.ConnectionString))
        {
            await BacklogDrainAsync(pair, events);
            await SustainedThroughputAsync(pair, events, committers);
            await FixedRateLatencyAsync(pair, rate, TimeSpan.FromSeconds(seconds));
        }

        await using var broker = new PrivateBroker();
        await broker.StartAsync();
        await using (var pair = await ServicePair.StartAsync(broker.ConnectionString))
        {
            await BrokerRestartsAsync(pair, broker, restartRate, restarts);
        }
    }

    /// <summary>
    /// The backbone alone: a backlog committed while the producer's dispatcher is paused, then
    /// published and consumed with nothing else competing for the cores.
    /// </summary>
    private static async Task BacklogDrainAsync(ServicePair pair, int events)
    {
        await pair.PauseProducerAsync();
        await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) => await pair.CommitAsync());
        var stopwatch = Stopwatch.StartNew();
        await pair.ResumeProducerAsync();
        await pair.WaitUntilAppliedAsync(TimeSpan.FromMinutes(5));
        var (applied, _, _) = await pair.ResultsAsync();
        Console.WriteLine($"backlog: {applied} events published and applied in {stopwatch.Elapsed.TotalSeconds:F1} s: " +
                          $"{applied / stopwatch.Elapsed.TotalSeconds:F0} events/s through outbox, broker and inbox");
        pair.Forget();
    }

    private static async Task SustainedThroughputAsync(ServicePair pair, int events, int committers)
    {
        var started = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = committers }, async (_, _) => await pair.CommitAsync());
        var committedIn = stopwatch.Elapsed;
        await pair.WaitUntilAppliedAsync(TimeSpan.FromMinutes(5));
        var (applied, lastAppliedAt, latencies) = await pair.ResultsAsync();
        var span = lastAppliedAt - started;

        Console.WriteLine($"sustained: {applied} events committed by {committers} concurrent writers in {committedIn.TotalSeconds:F1} s " +
                          $"({events / committedIn.TotalSeconds:F0}/s committed), all applied after {span.TotalSeconds:F1} s: " +
                          $"{applied / span.TotalSeconds:F0} events/s end to end");
        Console.WriteLine($"sustained: commit-to-consumed {Statistics.Describe(latencies)}");
        pair.Forget();
    }

    private static async Task FixedRateLatencyAsync(ServicePair pair, int rate, TimeSpan duration)
    {
        var sent = await CommitAtRateAsync(pair, rate, duration);
        await pair.WaitUntilAppliedAsync(TimeSpan.FromMinutes(2));
        var (_, _, latencies) = await pair.ResultsAsync();
        Console.WriteLine($"at {rate}/s for {duration.TotalSeconds:F0} s ({sent} events): commit-to-consumed {Statistics.Describe(latencies)}");
        pair.Forget();
    }

    private static async Task BrokerRestartsAsync(ServicePair pair, PrivateBroker broker, int rate, int restarts)
    {
        var phase = TimeSpan.FromSeconds(8);
        var load = CommitAtRateAsync(pair, rate, phase * (restarts * 2 + 1));
        for (var i = 0; i < restarts; i++)
        {
            await Task.Delay(phase);
            await broker.StopAsync();
            Console.WriteLine($"restarts: broker stopped at {DateTimeOffset.UtcNow:HH:mm:ss} ({await pair.UnsentAsync()} unsent)");
            await Task.Delay(phase);
            await broker.StartAsync();
            Console.WriteLine($"restarts: broker back at {DateTimeOffset.UtcNow:HH:mm:ss}");
        }

        var sent = await load;
        await pair.WaitUntilAppliedAsync(TimeSpan.FromMinutes(3));
        // Give any redelivery time to show up as a second effect before counting.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (lost, duplicated) = await pair.LostAndDuplicatedAsync();
        var (_, _, latencies) = await pair.ResultsAsync();
        Console.WriteLine($"restarts: {sent} events at {rate}/s with {restarts} broker restarts: lost {lost}, duplicated effects {duplicated}; " +
                          $"commit-to-consumed {Statistics.Describe(latencies)}");
    }

    private static async Task<int> CommitAtRateAsync(ServicePair pair, int rate, TimeSpan duration)
    {
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var stopwatch = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var sent = 0;
        // Open loop: each event is due at its own time, whatever the previous commit is doing.
        while (stopwatch.Elapsed < duration)
        {
            var due = interval * sent;
            if (due > stopwatch.Elapsed)
            {
                await Task.Delay(due - stopwatch.Elapsed);
            }

            inFlight.Add(pair.CommitAsync());
            sent++;
        }

        await Task.WhenAll(inFlight);
        return sent;
    }

    /// <summary>A producing and a consuming service, each with a database of its own.</summary>
    private sealed class ServicePair : IAsyncDisposable
    {
        private readonly TestDatabase _producerDatabase = TestDatabase.Named("bench_producer");
        private readonly TestDatabase _consumerDatabase = TestDatabase.Named("bench_consumer");
        private readonly ConcurrentDictionary<Guid, DateTimeOffset> _committed = new();
        private DateTimeOffset _phaseStart = DateTimeOffset.UtcNow;
        private IHost _producer = null!;
        private IHost _consumer = null!;
        private string _broker = "";

        public static async Task<ServicePair> StartAsync(string broker)
        {
            var pair = new ServicePair { _broker = broker };
            await LedgerHost.CreateSchemaAsync(pair._producerDatabase.ConnectionString);
            await LedgerHost.CreateSchemaAsync(pair._consumerDatabase.ConnectionString);
            pair._consumer = LedgerHost.Build(LedgerHost.Arguments(pair._consumerDatabase.ConnectionString, broker, consume: true,
                "--Logging:LogLevel:Default=Warning"));
            pair._producer = pair.BuildProducer();
            await pair._consumer.StartAsync();
            await pair._producer.StartAsync();
            return pair;
        }

        /// <summary>Stops the producer's dispatcher; commits go on, into its outbox.</summary>
        public async Task PauseProducerAsync()
        {
            await _producer.StopAsync();
            _producer.Dispose();
            _producer = BuildProducer();
        }

        public Task ResumeProducerAsync() => _producer.StartAsync();

        private IHost BuildProducer() => LedgerHost.Build(LedgerHost.Arguments(_producerDatabase.ConnectionString, _broker, consume: false,
            "--Logging:LogLevel:Default=Warning", "--Messaging:Outbox:MaxRetryDelay=00:00:02", "--Messaging:Outbox:PublishTimeout=00:00:05"));

        /// <summary>One feature's write: one transaction, one event, as a referral's POST makes.</summary>
        public async Task CommitAsync()
        {
            var referral = new ReferralReceived(Guid.NewGuid(),
                new ReferredPatient("9434765919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"),
                "benchmark", "routine", "gp", DateTimeOffset.UtcNow);
            await using var scope = _producer.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            db.AddIntegrationEvent(referral);
            await db.SaveChangesAsync();
            _committed[referral.ReferralId] = DateTimeOffset.UtcNow;
        }

        public async Task WaitUntilAppliedAsync(TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (await AppliedCountAsync() < _committed.Count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    Console.WriteLine($"  gave up waiting: {await AppliedCountAsync()} of {_committed.Count} applied");
                    return;
                }

                await Task.Delay(200);
            }
        }

        public async Task<(int Applied, DateTimeOffset LastAppliedAt, List<double> LatenciesMs)> ResultsAsync()
        {
            await using var db = Open(_consumerDatabase);
            var ids = _committed.Keys.ToHashSet();
            var entries = (await db.Entries.AsNoTracking().Where(e => e.AppliedAt >= _phaseStart).Select(e => new { e.ReferralId, e.AppliedAt }).ToListAsync())
                .Where(e => ids.Contains(e.ReferralId)).ToList();
            var latencies = entries.Select(e => Math.Max(0, (e.AppliedAt - _committed[e.ReferralId]).TotalMilliseconds)).ToList();
            return (entries.Count, entries.Count == 0 ? default : entries.Max(e => e.AppliedAt), latencies);
        }

        public async Task<(int Lost, int Duplicated)> LostAndDuplicatedAsync()
        {
            await using var db = Open(_consumerDatabase);
            var counts = await db.Entries.GroupBy(e => e.ReferralId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var lost = _committed.Keys.Count(id => !counts.ContainsKey(id));
            var duplicated = counts.Values.Sum(count => count - 1);
            return (lost, duplicated);
        }

        public async Task<int> UnsentAsync()
        {
            await using var db = Open(_producerDatabase);
            return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
        }

        /// <summary>Starts the next measurement afresh (the rows stay; only this run's ids count).</summary>
        public void Forget()
        {
            _committed.Clear();
            _phaseStart = DateTimeOffset.UtcNow;
        }

        public async ValueTask DisposeAsync()
        {
            await _producer.StopAsync();
            await _consumer.StopAsync();
            _producer.Dispose();
            _consumer.Dispose();
            await _producerDatabase.DisposeAsync();
            await _consumerDatabase.DisposeAsync();
        }

        private async Task<int> AppliedCountAsync()
        {
            await using var db = Open(_consumerDatabase);
            return await db.Entries.Where(e => e.AppliedAt >= _phaseStart).Select(e => e.ReferralId).Distinct().CountAsync();
        }

        private static LedgerDbContext Open(TestDatabase database) => LedgerHost.Open(database.ConnectionString);
    }
}
