using CareMesh.CarePlans.Data;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts.Directory;
using CareMesh.Contracts.Referrals;
using CareMesh.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.CarePlans.Actions;

/// <summary>
/// Plan actions following other services' news: the onward referral an action asked for, and the
/// directory service an action points at. Each runs behind the inbox (one effect per message id), and
/// each change is guarded by the action's own state, so the same news sent again changes nothing.
/// </summary>
public sealed class ActionNews(CarePlansDbContext db, TimeProvider clock)
{
    public async Task OnwardReferralAsync(Guid? actionId, Guid onwardReferralId, OnwardReferralNews news, string? outcome, string actor,
        CancellationToken cancellationToken)
    {
        if (actionId is null)
        {
            return;
        }

        await db.LockPlansAsync($"SELECT 1 FROM care_plans WHERE id IN (SELECT plan_id FROM plan_actions WHERE id = {actionId}) FOR UPDATE", cancellationToken);
        if (await db.Actions.SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken) is not { } action)
        {
            // Not asked for by a plan action (or not one of ours): nothing to follow.
            return;
        }

        var onward = action.OnwardReferral ?? OnwardReferralStatus.Requested;
        if (OnwardReferralWorkflow.Machine.Next(onward, news) is not { } next)
        {
            return;
        }

        var from = action.Status;
        action.OnwardReferral = next;
        action.OnwardReferralId = onwardReferralId;
        action.OnwardReferralOutcome = outcome ?? action.OnwardReferralOutcome;
        action.Status = (news, action.Status) switch
        {
            (OnwardReferralNews.Accept, ActionStatus.Open) => ActionStatus.InProgress,
            (OnwardReferralNews.Complete, ActionStatus.Open or ActionStatus.InProgress) => ActionStatus.Done,
            _ => action.Status,
        };
        var note = $"Onward referral {WireEnum.Name(next)}" + (outcome is null ? "." : $": {outcome}");
        await RecordAsync(action, actor, note, from == action.Status ? null : (from, action.Status), cancellationToken);
    }

    public async Task ServiceWithdrawnAsync(DirectoryServiceWithdrawn message, string actor, CancellationToken cancellationToken)
    {
        await db.LockPlansAsync($"SELECT 1 FROM care_plans WHERE id IN (SELECT plan_id FROM plan_actions WHERE service_id = {message.ServiceId}) ORDER BY id FOR UPDATE",
            cancellationToken);
        var actions = await db.Actions
            .Where(a => a.ServiceId == message.ServiceId && a.ServiceWithdrawnAt == null && (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress))
            .ToListAsync(cancellationToken);
        foreach (var action in actions)
        {
            action.ServiceWithdrawnAt = message.WithdrawnAt;
            action.ServiceWithdrawnReason = message.Reason;
            await RecordAsync(action, actor, $"{message.Name} was withdrawn from the directory ({message.Reason}): the action needs another home.", null,
                cancellationToken);
        }
    }

    public async Task RecordAsync(PlanAction action, string actor, string note, (ActionStatus From, ActionStatus To)? moved, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.SingleAsync(p => p.Id == action.PlanId, cancellationToken);
        var now = clock.GetUtcNow();
        db.History.Add(new PlanHistoryEntry
        {
            Id = Guid.CreateVersion7(now), PlanId = plan.Id, Subject = HistorySubject.Action, SubjectId = action.Id, At = now,
            ByUserId = $"system:{actor}", ByName = "CareMesh", FromStatus = moved is { } m ? WireEnum.Name(m.From) : null,
            ToStatus = moved is { } n ? WireEnum.Name(n.To) : null, Note = note,
        });
        // The plan's ETag moves: a coordinator's stale copy must not overwrite what the news changed.
        plan.Revision++;
        plan.UpdatedAt = now;
        db.Audit(AuditExtensions.SystemActor(actor), "care-plan.progress", "care-plan", plan.Id.ToString(), plan.NhsNumber, AuditOutcomes.Succeeded, clock);
    }
}

public sealed class OnwardReferralConsumer(ActionNews news) :
    IConsumer<OnwardReferralAccepted>, IConsumer<OnwardReferralDeclined>, IConsumer<OnwardReferralCompleted>
{
    private const string Actor = "careplans:onward-referral";

    public Task Consume(ConsumeContext<OnwardReferralAccepted> context) =>
        news.OnwardReferralAsync(context.Message.CarePlanActionId, context.Message.OnwardReferralId, OnwardReferralNews.Accept, null, Actor, context.CancellationToken);

    public Task Consume(ConsumeContext<OnwardReferralDeclined> context) =>
        news.OnwardReferralAsync(context.Message.CarePlanActionId, context.Message.OnwardReferralId, OnwardReferralNews.Decline, context.Message.Reason, Actor,
            context.CancellationToken);

    public Task Consume(ConsumeContext<OnwardReferralCompleted> context) =>
        news.OnwardReferralAsync(context.Message.CarePlanActionId, context.Message.OnwardReferralId, OnwardReferralNews.Complete, context.Message.Outcome, Actor,
            context.CancellationToken);
}

public sealed class DirectoryServiceWithdrawnConsumer(ActionNews news) : IConsumer<DirectoryServiceWithdrawn>
{
    public Task Consume(ConsumeContext<DirectoryServiceWithdrawn> context) =>
        news.ServiceWithdrawnAsync(context.Message, "careplans:directory-service-withdrawn", context.CancellationToken);
}

public sealed class OnwardReferralConsumerDefinition : RetryingConsumerDefinition<OnwardReferralConsumer>
{
    public OnwardReferralConsumerDefinition() => EndpointName = CarePlansQueues.Named("onward-referral");
}

public sealed class DirectoryServiceWithdrawnConsumerDefinition : RetryingConsumerDefinition<DirectoryServiceWithdrawnConsumer>
{
    public DirectoryServiceWithdrawnConsumerDefinition() => EndpointName = CarePlansQueues.Named("directory-service-withdrawn");
}
