using CareMesh.CarePlans.Data;
using CareMesh.CarePlans.Patients;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Plans;

/// <summary>
/// An accepted referral opens the person's draft plan, once: the inbox drops a redelivered message,
/// and a referral that already has its plan (the same event sent again under a new id) opens
/// nothing. A person who already has an open plan keeps it; the referral is noted in the audit only.
/// </summary>
public sealed class ReferralAcceptedConsumer(CarePlansDbContext db, TimeProvider clock) : IConsumer<ReferralAccepted>
{
    private const string ActorName = "careplans:referral-accepted";
    private static readonly System.Security.Claims.ClaimsPrincipal Actor = AuditExtensions.SystemActor(ActorName);

    public async Task Consume(ConsumeContext<ReferralAccepted> context)
    {
        var message = context.Message;
        var nhsNumber = message.Patient.NhsNumber;
        if (await db.Plans.AnyAsync(p => p.ReferralId == message.ReferralId || (p.NhsNumber == nhsNumber && p.Status != PlanStatus.Closed), context.CancellationToken))
        {
            return;
        }

        var patient = await db.RecordAsync(message.Patient, context.CancellationToken);
        var plan = PlanChanges.Open(db, patient, message.ReferralId, DraftFrom(message), $"system:{ActorName}", clock);
        db.Audit(Actor, "care-plan.create", "care-plan", plan.Id.ToString(), nhsNumber, AuditOutcomes.Succeeded, clock);
        // The inbox saves and commits, together with its record of this message.
    }

    /// <summary>What the referral already tells the plan: what matters, the needs, the risk flags, the coordinator and clinician.</summary>
    public static PlanSections DraftFrom(ReferralAccepted message) => new(
        new AboutMe(message.WhatMattersToThePerson, null, null),
        [.. message.Needs.Select(need => new DomainNeed(need, null))],
        null,
        null,
        null,
        new SafeguardingAndRisk(null, [.. message.RiskFlags]),
        null,
        Contact(message.NamedClinician),
        Contact(message.CareCoordinator));

    private static Contact? Contact(TeamMember? member) => member is null ? null : new Contact(member.UserId, member.Name, member.Role, null, null);
}

public sealed class ReferralAcceptedConsumerDefinition : RetryingConsumerDefinition<ReferralAcceptedConsumer>
{
    public ReferralAcceptedConsumerDefinition() => EndpointName = CarePlansQueues.Named("referral-accepted");
}
