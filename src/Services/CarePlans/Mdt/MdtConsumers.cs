using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Data;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts.Meetings;
using CareMesh.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Mdt;

/// <summary>
/// What an MDT decides about a person reaches their open plan: the discussion's decisions into the
/// plan's history, and the MDT's actions as plan actions kept in step with the MDT's own. Behind the
/// inbox, and keyed by the agenda item and the MDT action, so the same news twice changes nothing.
/// MDT actions join the plan as the MDT agrees them, without starting a new version: they are part of
/// the next version agreed with the person.
/// </summary>
public sealed class MdtConsumer(CarePlansDbContext db, ActionNews news, TimeProvider clock) :
    IConsumer<PatientDiscussedAtMdt>, IConsumer<MdtActionAssigned>, IConsumer<MdtActionCompleted>
{
    private const string Actor = "careplans:mdt";

    public async Task Consume(ConsumeContext<PatientDiscussedAtMdt> context)
    {
        var message = context.Message;
        await LockPlansOfAsync(message.NhsNumber, context.CancellationToken);
        if (await OpenPlanAsync(message.NhsNumber, context.CancellationToken) is not { } plan ||
            await db.History.AnyAsync(h => h.PlanId == plan.Id && h.Subject == HistorySubject.Mdt && h.SubjectId == message.AgendaItemId, context.CancellationToken))
        {
            return;
        }

        var note = $"Discussed at MDT on {UkTime.DateOf(message.DiscussedAt):d MMMM yyyy}. Decisions: {string.Join("; ", message.Decisions)}." +
                   (message.NextSteps is { } next ? $" Next steps: {next}" : "");
        db.History.Add(new PlanHistoryEntry
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), PlanId = plan.Id, Subject = HistorySubject.Mdt, SubjectId = message.AgendaItemId, At = message.DiscussedAt,
            ByUserId = $"system:{Actor}", ByName = "MDT", Note = note.Length > 5000 ? note[..5000] : note,
        });
        plan.Revision++;
        db.Audit(AuditExtensions.SystemActor(Actor), "care-plan.mdt", "care-plan", plan.Id.ToString(), plan.NhsNumber, AuditOutcomes.Succeeded, clock);
    }

    public async Task Consume(ConsumeContext<MdtActionAssigned> context)
    {
        var message = context.Message;
        if (message.NhsNumber is null)
        {
            return;
        }

        await LockPlansOfAsync(message.NhsNumber, context.CancellationToken);
        var assignedAt = AsStored(message.AssignedAt);
        var action = await db.Actions.SingleOrDefaultAsync(a => a.MdtActionId == message.ActionId, context.CancellationToken);
        if (action is null)
        {
            if (await OpenPlanAsync(message.NhsNumber, context.CancellationToken) is not { } plan)
            {
                return;
            }

            action = new PlanAction
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()), PlanId = plan.Id, MdtActionId = message.ActionId, Description = Trim(message.Description),
                Status = ActionStatus.Open, CreatedAt = message.AssignedAt,
            };
            db.Actions.Add(action);
        }
        else if (action.MdtAssignedAt >= assignedAt)
        {
            // The same assignment again, or one the MDT has since replaced.
            return;
        }

        action.MdtAssignedAt = assignedAt;
        action.Description = Trim(message.Description);
        action.OwnerKind = OwnerKind.NamedPerson;
        (action.OwnerUserId, action.OwnerName, action.DueOn) = (message.OwnerUserId, message.OwnerName, message.DueOn);
        await news.RecordAsync(action, Actor, $"From the MDT: {message.OwnerName}, due {message.DueOn:d MMMM yyyy}.", null, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<MdtActionCompleted> context)
    {
        var message = context.Message;
        await db.LockPlansAsync($"SELECT 1 FROM care_plans WHERE id IN (SELECT plan_id FROM plan_actions WHERE mdt_action_id = {message.ActionId}) FOR UPDATE",
            context.CancellationToken);
        var action = await db.Actions.SingleOrDefaultAsync(a => a.MdtActionId == message.ActionId, context.CancellationToken);
        if (action is null || ActionWorkflow.Machine.Next(action.Status, ActionStep.Complete) is not { } done)
        {
            return;
        }

        var from = action.Status;
        action.Status = done;
        await news.RecordAsync(action, Actor, "Done, as the MDT recorded" + (message.Outcome is { } outcome ? $": {outcome}" : "."), (from, done), context.CancellationToken);
    }

    private Task LockPlansOfAsync(string nhsNumber, CancellationToken cancellationToken) =>
        db.LockPlansAsync($"SELECT 1 FROM care_plans WHERE nhs_number = {nhsNumber} ORDER BY id FOR UPDATE", cancellationToken);

    private Task<CarePlan?> OpenPlanAsync(string nhsNumber, CancellationToken cancellationToken) =>
        db.Plans.SingleOrDefaultAsync(p => p.NhsNumber == nhsNumber && p.Status != PlanStatus.Closed, cancellationToken);

    /// <summary>The instant as PostgreSQL keeps it (whole microseconds), so the same assignment read back compares equal.</summary>
    private static DateTimeOffset AsStored(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % 10));

    private static string Trim(string text) => text.Length > PlanAction.MaxTextLength ? text[..PlanAction.MaxTextLength] : text;
}

public sealed class MdtConsumerDefinition : RetryingConsumerDefinition<MdtConsumer>
{
    public MdtConsumerDefinition() => EndpointName = CarePlansQueues.Named("mdt");
}
