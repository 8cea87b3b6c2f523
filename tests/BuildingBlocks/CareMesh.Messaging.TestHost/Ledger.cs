using CareMesh.Contracts.Referrals;
using CareMesh.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CareMesh.Messaging.TestHost;

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntry>().HasKey(e => e.Id);
        modelBuilder.AddMessagingTables();
    }
}

/// <summary>One applied ReferralReceived: the effect the tests count.</summary>
public sealed class LedgerEntry
{
    public long Id { get; init; }
    public Guid ReferralId { get; init; }
    public required string Reason { get; init; }

    /// <summary>When the consumer applied it: the benchmark's end of commit-to-consumed.</summary>
    public DateTimeOffset AppliedAt { get; init; }
}

/// <summary>
/// Records each referral. Reasons steer it: "poison" always fails; "fragile" fails while
/// <c>Ledger:Broken</c> is set (a fault mended by redeploying); "slow" announces on standard output
/// that it is in the middle of handling, then takes its time (on first delivery only), so a test can
/// kill it there.
/// </summary>
public sealed class LedgerConsumer(LedgerDbContext db, IConfiguration configuration, TimeProvider clock) : IConsumer<ReferralReceived>
{
    public const string Poison = "poison";
    public const string Fragile = "fragile";
    public const string Slow = "slow";

    public async Task Consume(ConsumeContext<ReferralReceived> context)
    {
        db.Entries.Add(new LedgerEntry { ReferralId = context.Message.ReferralId, Reason = context.Message.Reason, AppliedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(context.CancellationToken);

        switch (context.Message.Reason)
        {
            case Poison:
                throw new InvalidOperationException("This referral can never be applied.");
            case Fragile when configuration.GetValue("Ledger:Broken", false):
                throw new InvalidOperationException("The ledger is broken until it is redeployed.");
            case Slow when !context.ReceiveContext.Redelivered:
                Console.WriteLine($"handling {context.Message.ReferralId}");
                await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
                break;
        }
    }
}

public sealed class LedgerConsumerDefinition : RetryingConsumerDefinition<LedgerConsumer>;
