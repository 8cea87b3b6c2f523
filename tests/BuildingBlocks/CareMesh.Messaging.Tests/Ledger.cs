using CareMesh.Contracts.Referrals;
using CareMesh.Messaging.Outbox;
using CareMesh.Messaging.TestHost;
using CareMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Messaging.Tests;

/// <summary>
/// The ledger test service's database and a broker virtual host, for one test class. Hosts started
/// from it publish through the real outbox and consume through the real inbox.
/// </summary>
public sealed class Ledger : IAsyncLifetime
{
    public TestDatabase Database { get; } = TestDatabase.Named("ledgerdb");
    public TestVirtualHost Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await TestVirtualHost.CreateAsync("ledger");
        await LedgerHost.CreateSchemaAsync(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await Broker.DisposeAsync();
    }

    /// <summary>Arguments for a ledger host on this database and <paramref name="broker"/> (this class's virtual host by default).</summary>
    public string[] HostArguments(bool consume, string? broker = null, bool broken = false) => LedgerHost.Arguments(
        Database.ConnectionString,
        broker ?? Broker.ConnectionString,
        consume,
        $"--Ledger:Broken={broken}",
        // Quick retries keep the poison test short; the policy's shape is what is under test.
        "--Messaging:Retry:Limit=2",
        "--Messaging:Retry:MinInterval=00:00:00.050",
        "--Messaging:Retry:MaxInterval=00:00:00.200",
        "--Messaging:Retry:IntervalDelta=00:00:00.050",
        "--Messaging:Outbox:FirstRetryDelay=00:00:00.200",
        "--Messaging:Outbox:MaxRetryDelay=00:00:01",
        "--Messaging:Outbox:PublishTimeout=00:00:03");

    public async Task<IHost> StartHostAsync(bool consume, string? broker = null, bool broken = false)
    {
        var host = LedgerHost.Build(HostArguments(consume, broker, broken));
        await host.StartAsync();
        return host;
    }

    public static ReferralReceived Referral(string reason = "routine") => new(
        Guid.NewGuid(),
        new ReferredPatient("9434765919", "Ada", "Lovelace", new DateOnly(1950, 12, 10), "Y00001"),
        reason, "routine", "gp", DateTimeOffset.UtcNow);

    /// <summary>Commits <paramref name="referral"/> through <paramref name="host"/>'s outbox, as a feature would.</summary>
    public static async Task CommitAsync(IHost host, ReferralReceived referral)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.AddIntegrationEvent(referral);
        await db.SaveChangesAsync();
    }

    public async Task<int> TimesAppliedAsync(Guid referralId)
    {
        await using var db = Open();
        return await db.Entries.CountAsync(e => e.ReferralId == referralId);
    }

    public async Task<int> UnsentCountAsync()
    {
        await using var db = Open();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }

    public LedgerDbContext Open() => LedgerHost.Open(Database.ConnectionString);
}
