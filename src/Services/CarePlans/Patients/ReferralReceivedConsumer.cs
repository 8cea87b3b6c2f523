using CareMesh.CarePlans.Data;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Patients;

/// <summary>Records the referred patient, so the team can start planning their care.</summary>
public sealed class ReferralReceivedConsumer(CarePlansDbContext db, TimeProvider clock) : IConsumer<ReferralReceived>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Actor = AuditExtensions.SystemActor("careplans:referral-received");

    public async Task Consume(ConsumeContext<ReferralReceived> context)
    {
        var message = context.Message;
        var details = message.Patient;
        if (await db.PatientReferrals.AnyAsync(r => r.ReferralId == message.ReferralId, context.CancellationToken))
        {
            return;
        }

        await db.RecordAsync(details, context.CancellationToken);
        db.Audit(Actor, "patient.record-referral", "patient", details.NhsNumber, details.NhsNumber, AuditOutcomes.Succeeded, clock);
        db.PatientReferrals.Add(new PatientReferral
        {
            ReferralId = message.ReferralId,
            NhsNumber = details.NhsNumber,
            Reason = message.Reason,
            Urgency = message.Urgency,
            ReceivedAt = message.ReceivedAt,
        });
        // The inbox saves and commits, together with its record of this message.
    }
}

public sealed class ReferralReceivedConsumerDefinition : RetryingConsumerDefinition<ReferralReceivedConsumer>;
