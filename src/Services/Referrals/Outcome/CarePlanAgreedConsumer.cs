using CareMesh.Contracts.CarePlans;
using CareMesh.Referrals.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Referrals.Outcome;

/// <summary>The person's plan was agreed: the referral shows it, and keeps when it first happened (time from referral to first plan).</summary>
public sealed class CarePlanAgreedConsumer(ReferralsDbContext db, TimeProvider clock) : IConsumer<CarePlanAgreed>
{
    public async Task Consume(ConsumeContext<CarePlanAgreed> context)
    {
        var message = context.Message;
        if (message.ReferralId is not { } referralId || await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, context.CancellationToken) is not { } referral)
        {
            return;
        }

        if (referral.PlanAgreedAt is null || message.AgreedAt < referral.PlanAgreedAt)
        {
            referral.PlanAgreedAt = message.AgreedAt;
            referral.Version++;
        }

        db.Audit(AuditExtensions.SystemActor("referrals:care-plan-agreed"), "referral.plan-agreed", "referral", referral.Id.ToString(), referral.NhsNumber,
            AuditOutcomes.Succeeded, clock);
    }
}

public sealed class CarePlanAgreedConsumerDefinition : CareMesh.Messaging.RetryingConsumerDefinition<CarePlanAgreedConsumer>;
