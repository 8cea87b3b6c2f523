using CareMesh.CarePlans.Plans;

namespace CareMesh.CarePlans.Actions;

public enum ActionStatus
{
    Open,
    InProgress,
    Done,
    Cancelled,
}

public enum ActionStep
{
    Start,
    Complete,
    Cancel,

    /// <summary>Back to open: work on it stopped.</summary>
    Pause,
}

/// <summary>Who carries an action out.</summary>
public enum OwnerKind
{
    /// <summary>A named member of the team (or anyone else, by name).</summary>
    NamedPerson,

    /// <summary>Whoever holds a role in the team (link worker, health coach, ...).</summary>
    TeamRole,

    /// <summary>A service in the directory.</summary>
    DirectoryService,

    /// <summary>The person themself.</summary>
    ThePerson,
}

/// <summary>Where the onward referral an action asked for has got to, from Referrals' events.</summary>
public enum OnwardReferralStatus
{
    Requested,
    Accepted,
    Declined,
    Completed,
}

/// <summary>What Referrals says of an onward referral.</summary>
public enum OnwardReferralNews
{
    Accept,
    Decline,
    Complete,
}

/// <summary>
/// An onward referral's status as a table. Events may arrive out of order (completed before
/// accepted); what the table does not allow (accepted after completed) is news already overtaken.
/// </summary>
public static class OnwardReferralWorkflow
{
    public static readonly StateMachine<OnwardReferralStatus, OnwardReferralNews> Machine = new(
    [
        (OnwardReferralStatus.Requested, OnwardReferralNews.Accept, OnwardReferralStatus.Accepted),
        (OnwardReferralStatus.Requested, OnwardReferralNews.Decline, OnwardReferralStatus.Declined),
        (OnwardReferralStatus.Requested, OnwardReferralNews.Complete, OnwardReferralStatus.Completed),
        (OnwardReferralStatus.Accepted, OnwardReferralNews.Decline, OnwardReferralStatus.Declined),
        (OnwardReferralStatus.Accepted, OnwardReferralNews.Complete, OnwardReferralStatus.Completed),
    ]);
}

public static class ActionWorkflow
{
    public static readonly StateMachine<ActionStatus, ActionStep> Machine = new(
    [
        (ActionStatus.Open, ActionStep.Start, ActionStatus.InProgress),
        (ActionStatus.Open, ActionStep.Complete, ActionStatus.Done),
        (ActionStatus.Open, ActionStep.Cancel, ActionStatus.Cancelled),
        (ActionStatus.InProgress, ActionStep.Complete, ActionStatus.Done),
        (ActionStatus.InProgress, ActionStep.Cancel, ActionStatus.Cancelled),
        (ActionStatus.InProgress, ActionStep.Pause, ActionStatus.Open),
    ]);
}

/// <summary>An action of the plan: what, who owns it, by when, and (when it asked for one) its onward referral.</summary>
public sealed class PlanAction
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public Guid? GoalId { get; set; }
    public required string Description { get; set; }
    public OwnerKind OwnerKind { get; set; }
    public string? OwnerUserId { get; set; }
    public string? OwnerName { get; set; }
    public string? OwnerRole { get; set; }
    public Guid? ServiceId { get; set; }
    public string? ServiceName { get; set; }
    public DateOnly? DueOn { get; set; }
    public ActionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null when the action asked for no onward referral.</summary>
    public OnwardReferralStatus? OnwardReferral { get; set; }

    public Guid? OnwardReferralId { get; set; }
    public string? OnwardReferralOutcome { get; set; }

    /// <summary>Set when the directory withdrew the action's service: the action needs another home.</summary>
    public DateTimeOffset? ServiceWithdrawnAt { get; set; }

    public string? ServiceWithdrawnReason { get; set; }

    /// <summary>The MDT action this one follows, when it came from an MDT (MdtActionAssigned).</summary>
    public Guid? MdtActionId { get; init; }

    /// <summary>When the MDT last assigned it: an older assignment arriving late does not undo a newer one.</summary>
    public DateTimeOffset? MdtAssignedAt { get; set; }

    public bool IsOpen => Status is ActionStatus.Open or ActionStatus.InProgress;
}

public sealed record ActionOwner(OwnerKind Kind, string? UserId, string? Name, string? Role, Guid? ServiceId, string? ServiceName);

public sealed record OnwardReferralResponse(OnwardReferralStatus Status, Guid? OnwardReferralId, string? Outcome);

public sealed record ActionResponse(
    Guid Id,
    Guid? GoalId,
    string Description,
    ActionOwner Owner,
    DateOnly? DueOn,
    ActionStatus Status,
    OnwardReferralResponse? OnwardReferral,
    bool ServiceWithdrawn,
    string? ServiceWithdrawnReason,
    Guid? MdtActionId,
    IReadOnlyList<string> AllowedSteps,
    IReadOnlyList<HistoryResponse> Updates)
{
    public static ActionResponse From(PlanAction a, IEnumerable<PlanHistoryEntry> history) => new(
        a.Id, a.GoalId, a.Description, new ActionOwner(a.OwnerKind, a.OwnerUserId, a.OwnerName, a.OwnerRole, a.ServiceId, a.ServiceName), a.DueOn, a.Status,
        a.OnwardReferral is { } onward ? new OnwardReferralResponse(onward, a.OnwardReferralId, a.OnwardReferralOutcome) : null,
        a.ServiceWithdrawnAt is not null, a.ServiceWithdrawnReason, a.MdtActionId,
        [.. ActionWorkflow.Machine.ActionsFrom(a.Status).Select(s => WireEnum.Name(s))],
        [.. history.Where(h => h.SubjectId == a.Id).OrderBy(h => h.At).Select(HistoryResponse.From)]);
}
