using CareMesh.Messaging.Outbox;

namespace CareMesh.Messaging.Tests.Outbox;

/// <summary>The backlog operations see, read from rows no dispatcher is touching.</summary>
public class OutboxBacklogTests(Ledger ledger) : IClassFixture<Ledger>
{
    [Fact]
    public async Task The_backlog_counts_unsent_and_failing_rows_and_ages_the_oldest()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var db = ledger.Open())
        {
            db.AddRange(
                Row(now.AddMinutes(-10), attempts: 3, error: "connection refused"),
                Row(now.AddMinutes(-2), attempts: 0),
                Row(now.AddMinutes(-30), attempts: 1, sentAt: now.AddMinutes(-29)));
            await db.SaveChangesAsync();
        }

        await using var read = ledger.Open();
        var backlog = await OutboxBacklog.ReadAsync(read, TimeProvider.System, CancellationToken.None);

        Assert.Equal(2, backlog.Pending);
        Assert.Equal(1, backlog.Failing);
        Assert.InRange(backlog.OldestPendingAgeSeconds, 599, 700);
        var failure = Assert.Single(backlog.RecentFailures);
        Assert.Equal(3, failure.Attempts);
        Assert.Equal("connection refused", failure.LastError);
    }

    private static OutboxMessage Row(DateTimeOffset createdAt, int attempts, string? error = null, DateTimeOffset? sentAt = null) => new()
    {
        Id = Guid.NewGuid(),
        MessageType = "CareMesh.Contracts.Referrals.ReferralReceived",
        Payload = "{}",
        CreatedAt = createdAt,
        NextAttemptAt = createdAt,
        Attempts = attempts,
        LastError = error,
        SentAt = sentAt,
    };
}
