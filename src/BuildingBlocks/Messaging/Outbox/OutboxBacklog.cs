using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Messaging.Outbox;

/// <summary>What is waiting in a service's outbox, for operations: how much, how old, how much is failing.</summary>
public sealed record OutboxBacklog(
    int Pending,
    int Failing,
    DateTimeOffset? OldestPendingCreatedAt,
    double OldestPendingAgeSeconds,
    IReadOnlyList<FailingOutboxMessage> RecentFailures)
{
    public static readonly OutboxBacklog Empty = new(0, 0, null, 0, []);

    public static async Task<OutboxBacklog> ReadAsync(DbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var unsent = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null);
        var summary = await unsent
            .GroupBy(_ => 1)
            .Select(g => new { Pending = g.Count(), Failing = g.Count(m => m.Attempts > 0), Oldest = g.Min(m => (DateTimeOffset?)m.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        if (summary is null)
        {
            return Empty;
        }

        var failures = await unsent.Where(m => m.Attempts > 0)
            .OrderByDescending(m => m.Attempts).ThenBy(m => m.Sequence)
            .Take(20)
            .Select(m => new FailingOutboxMessage(m.Id, m.MessageType, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt))
            .ToListAsync(cancellationToken);
        var age = summary.Oldest is { } oldest ? Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds) : 0;
        return new OutboxBacklog(summary.Pending, summary.Failing, summary.Oldest, age, failures);
    }
}

public sealed record FailingOutboxMessage(
    Guid Id, string MessageType, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt);

/// <summary>
/// The outbox's instruments (meter <c>CareMesh.Messaging</c>). The gauges read the backlog the
/// dispatcher last measured, so exporting metrics never queries the database.
/// </summary>
public sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "CareMesh.Messaging";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _published;
    private readonly Counter<long> _failedPublishes;
    private OutboxBacklog _latest = OutboxBacklog.Empty;

    public OutboxMetrics()
    {
        _published = _meter.CreateCounter<long>("caremesh.outbox.published", "{message}", "Outbox messages the broker confirmed.");
        _failedPublishes = _meter.CreateCounter<long>("caremesh.outbox.publish_failures", "{attempt}", "Publish attempts that failed and will be retried.");
        _meter.CreateObservableGauge("caremesh.outbox.pending", () => _latest.Pending, "{message}", "Outbox messages not yet sent.");
        _meter.CreateObservableGauge("caremesh.outbox.failing", () => _latest.Failing, "{message}", "Unsent outbox messages that have failed at least once.");
        _meter.CreateObservableGauge("caremesh.outbox.oldest_pending_age", () => _latest.OldestPendingAgeSeconds, "s", "Age of the oldest unsent outbox message.");
    }

    public OutboxBacklog Latest => _latest;

    public void Published() => _published.Add(1);

    public void PublishFailed() => _failedPublishes.Add(1);

    public void Observed(OutboxBacklog backlog) => _latest = backlog;

    public void Dispose() => _meter.Dispose();
}
