using CareMesh.Contracts.CarePlans;
using CareMesh.Contracts.Referrals;
using CareMesh.Meetings.Agenda;
using CareMesh.Meetings.Data;
using CareMesh.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Meetings.People;

/// <summary>
/// What the events Meetings receives do to its record of a person, and to the proposals for an MDT.
/// Every consumer runs behind the inbox (one effect per message id); a proposal is also unique per
/// event (<see cref="AgendaProposal.SourceKey"/>), so the same event sent again under a new message
/// id proposes nothing twice. Events about one person arrive on several queues at once (a referral accepted
/// and the draft plan it opens land together): each consumer locks the person's row for its transaction, so
/// the later one waits for the earlier one's commit and builds on it. The row's concurrency token stays as a
/// backstop for any writer that does not lock.
/// </summary>
public sealed class PersonRecords(MeetingsDbContext db, TimeProvider clock)
{
    /// <summary>The person's row, added first if new, locked until the message's transaction ends (run it inside one).</summary>
    public async Task<Person> FindOrAddAsync(string nhsNumber, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A row being added by another transaction makes this insert wait for it, then do nothing.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO people (nhs_number, risk_flags, needs, updated_at) VALUES ({nhsNumber}, '{{}}', '{{}}', {now}) ON CONFLICT (nhs_number) DO NOTHING",
            cancellationToken);
        var person = (await db.People.FromSql($"SELECT *, xmin FROM people WHERE nhs_number = {nhsNumber} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        person.UpdatedAt = now;
        return person;
    }

    public async Task ProposeAsync(ProposalSource source, string sourceKey, string nhsNumber, string practiceOds, string reason,
        IEnumerable<string> flags, string actor, CancellationToken cancellationToken)
    {
        if (await db.Proposals.AnyAsync(p => p.Source == source && p.SourceKey == sourceKey, cancellationToken))
        {
            return;
        }

        var proposal = new AgendaProposal
        {
            Id = Guid.CreateVersion7(),
            Source = source,
            SourceKey = sourceKey,
            NhsNumber = nhsNumber,
            PracticeOds = practiceOds,
            Reason = reason.Length > AgendaItem.MaxTextLength ? reason[..AgendaItem.MaxTextLength] : reason,
            Flags = [.. flags],
            ProposedAt = clock.GetUtcNow(),
            Status = ProposalStatus.Pending,
        };
        db.Proposals.Add(proposal);
        db.Audit(AuditExtensions.SystemActor(actor), "proposal.create", "agenda-proposal", proposal.Id.ToString(), nhsNumber, AuditOutcomes.Succeeded, clock);
    }

    public void Audit(string actor, string nhsNumber) =>
        db.Audit(AuditExtensions.SystemActor(actor), "person.record", "person", nhsNumber, nhsNumber, AuditOutcomes.Succeeded, clock);
}

/// <summary>A referral accepted: who the person is, why they came, their flags; urgent or complex ones are proposed for an MDT.</summary>
public sealed class ReferralAcceptedConsumer(PersonRecords people) : IConsumer<ReferralAccepted>
{
    private const string Actor = "meetings:referral-accepted";

    public async Task Consume(ConsumeContext<ReferralAccepted> context)
    {
        var message = context.Message;
        var patient = message.Patient;
        var person = await people.FindOrAddAsync(patient.NhsNumber, context.CancellationToken);
        person.GivenName = patient.GivenName;
        person.FamilyName = patient.FamilyName;
        person.PracticeOds = patient.PracticeOds;
        person.ReferralReason = message.Reason;
        person.Urgency = message.Urgency;
        person.Complexity = message.Complexity;
        person.RiskFlags = [.. message.RiskFlags];
        person.Needs = [.. message.Needs];
        person.CareCoordinatorName = message.CareCoordinator?.Name ?? person.CareCoordinatorName;
        people.Audit(Actor, patient.NhsNumber);
        if (message.Urgency == "urgent" || message.Complexity == "complex")
        {
            var why = string.Join(" and ", new[] { message.Urgency == "urgent" ? "urgent" : null, message.Complexity == "complex" ? "complex" : null }.OfType<string>());
            await people.ProposeAsync(ProposalSource.ReferralAccepted, message.ReferralId.ToString(), patient.NhsNumber, patient.PracticeOds,
                $"Referral accepted ({why}): {message.Reason}", [.. message.RiskFlags, .. message.Needs], Actor, context.CancellationToken);
        }
    }
}

/// <summary>An escalation raised: the person is proposed for the next MDT.</summary>
public sealed class EscalationRaisedConsumer(PersonRecords people) : IConsumer<EscalationRaised>
{
    private const string Actor = "meetings:escalation-raised";

    public async Task Consume(ConsumeContext<EscalationRaised> context)
    {
        var message = context.Message;
        var person = await people.FindOrAddAsync(message.NhsNumber, context.CancellationToken);
        person.PracticeOds ??= message.PracticeOds;
        person.LatestEscalation = message.Concern;
        person.LatestEscalationAt = message.RaisedAt;
        people.Audit(Actor, message.NhsNumber);
        await people.ProposeAsync(ProposalSource.EscalationRaised, message.EscalationId.ToString(), message.NhsNumber, message.PracticeOds,
            $"Escalated ({message.Severity}) to {message.Clinician.Name}: {message.Concern}", [$"escalation-{message.Severity}"], Actor, context.CancellationToken);
    }
}

/// <summary>A care plan's review is due: the person is proposed for review at an MDT.</summary>
public sealed class CarePlanReviewDueConsumer(PersonRecords people) : IConsumer<CarePlanReviewDue>
{
    private const string Actor = "meetings:care-plan-review-due";

    public async Task Consume(ConsumeContext<CarePlanReviewDue> context)
    {
        var message = context.Message;
        var person = await people.FindOrAddAsync(message.NhsNumber, context.CancellationToken);
        person.CarePlanId = message.CarePlanId;
        person.PracticeOds ??= message.PracticeOds;
        person.PlanStatus = "review-due";
        person.ReviewDue = message.ReviewDue;
        people.Audit(Actor, message.NhsNumber);
        await people.ProposeAsync(ProposalSource.CarePlanReviewDue, $"{message.CarePlanId}:{message.ReviewDue:yyyy-MM-dd}", message.NhsNumber,
            person.PracticeOds ?? "", $"Care plan review due on {message.ReviewDue:d MMMM yyyy}", ["review-due"], Actor, context.CancellationToken);
    }
}

/// <summary>The care plan's status as the papers show it, from CarePlans' events (an older version's event never overrides a newer one's).</summary>
public sealed class CarePlanStatusConsumer(PersonRecords people) :
    IConsumer<CarePlanDrafted>, IConsumer<CarePlanAgreed>, IConsumer<CarePlanClosed>
{
    private const string Actor = "meetings:care-plan-status";

    public async Task Consume(ConsumeContext<CarePlanDrafted> context)
    {
        var message = context.Message;
        var person = await people.FindOrAddAsync(message.NhsNumber, context.CancellationToken);
        if (person.CarePlanId != message.CarePlanId || person.PlanVersion is null || message.Version > person.PlanVersion)
        {
            (person.CarePlanId, person.PlanVersion, person.PlanStatus) = (message.CarePlanId, message.Version, "draft");
        }

        people.Audit(Actor, message.NhsNumber);
    }

    public async Task Consume(ConsumeContext<CarePlanAgreed> context)
    {
        var message = context.Message;
        var person = await people.FindOrAddAsync(message.NhsNumber, context.CancellationToken);
        if (person.CarePlanId != message.CarePlanId || person.PlanVersion is null || message.Version >= person.PlanVersion)
        {
            (person.CarePlanId, person.PlanVersion, person.PlanStatus, person.ReviewDue) = (message.CarePlanId, message.Version, "agreed", message.ReviewDue);
        }

        person.PracticeOds ??= message.PracticeOds;
        people.Audit(Actor, message.NhsNumber);
    }

    public async Task Consume(ConsumeContext<CarePlanClosed> context)
    {
        var message = context.Message;
        var person = await people.FindOrAddAsync(message.NhsNumber, context.CancellationToken);
        (person.CarePlanId, person.PlanStatus) = (message.CarePlanId, "closed");
        people.Audit(Actor, message.NhsNumber);
    }
}

public sealed class ReferralAcceptedConsumerDefinition : RetryingConsumerDefinition<ReferralAcceptedConsumer>;

public sealed class EscalationRaisedConsumerDefinition : RetryingConsumerDefinition<EscalationRaisedConsumer>;

public sealed class CarePlanReviewDueConsumerDefinition : RetryingConsumerDefinition<CarePlanReviewDueConsumer>;

public sealed class CarePlanStatusConsumerDefinition : RetryingConsumerDefinition<CarePlanStatusConsumer>;
