using CareMesh.Contracts.Directory;
using CareMesh.Referrals.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Onward;

/// <summary>
/// Onward referrals not answered by their deadline (sent plus the configured days) are flagged once
/// for the coordinator to chase; the flag is the mark, so a repeated run flags nothing twice.
/// </summary>
public sealed class UnansweredOnwardReferralsCheck(ReferralsDbContext db, TimeProvider clock) : IScheduledCheck
{
    public const int BatchSize = 500;

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.OnwardReferrals.Where(o => o.Status == OnwardReferralStatus.Sent && o.ChaseFlaggedAt == null && o.AnswerBy <= now)
            .OrderBy(o => o.AnswerBy).Take(BatchSize).ToListAsync(cancellationToken);
        var system = AuditExtensions.SystemActor("referrals:unanswered-onward-referrals");
        foreach (var onward in due)
        {
            onward.ChaseFlaggedAt = now;
            onward.Version++;
            db.Audit(system, "onward-referral.chase", "onward-referral", onward.Id.ToString(), null, AuditOutcomes.Succeeded, clock);
        }
    }
}

/// <summary>A service withdrawn from the Directory: its pending onward referrals are flagged, so the coordinator finds them another home.</summary>
public sealed class DirectoryServiceWithdrawnConsumer(ReferralsDbContext db, TimeProvider clock) : IConsumer<DirectoryServiceWithdrawn>
{
    public async Task Consume(ConsumeContext<DirectoryServiceWithdrawn> context)
    {
        var serviceId = context.Message.ServiceId;
        var pending = await db.OnwardReferrals
            .Where(o => o.ServiceId == serviceId && (o.Status == OnwardReferralStatus.Sent || o.Status == OnwardReferralStatus.Accepted) && o.ServiceWithdrawnAt == null)
            .ToListAsync(context.CancellationToken);
        var system = AuditExtensions.SystemActor("referrals:directory-service-withdrawn");
        foreach (var onward in pending)
        {
            onward.ServiceWithdrawnAt = context.Message.WithdrawnAt;
            onward.Version++;
            db.Audit(system, "onward-referral.service-withdrawn", "onward-referral", onward.Id.ToString(), null, AuditOutcomes.Succeeded, clock);
        }
    }
}

public sealed class DirectoryServiceWithdrawnConsumerDefinition : CareMesh.Messaging.RetryingConsumerDefinition<DirectoryServiceWithdrawnConsumer>;
