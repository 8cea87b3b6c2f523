namespace CareMesh.Meetings.Actions;

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

    /// <summary>Back to open: the owner stopped work on it.</summary>
    Pause,
}

/// <summary>An action agreed at an MDT: an owner, a due date, a person and an item it belongs to, and its updates.</summary>
public sealed class MdtAction
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; init; }
    public Guid MeetingId { get; init; }
    public Guid? AgendaItemId { get; init; }
    public string? NhsNumber { get; init; }
    public required string Description { get; set; }

    /// <summary>The team member who owns it, when it is a person in CareMesh; otherwise the organisation does.</summary>
    public string? OwnerUserId { get; set; }

    public required string OwnerName { get; set; }
    public string? OwnerOrganisation { get; set; }
    public DateOnly DueOn { get; set; }
    public ActionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedByUserId { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Outcome { get; set; }

    /// <summary>Chases so far; the overdue check chases again once <c>ChaseInterval</c> has passed since the last.</summary>
    public int Chases { get; set; }

    public DateTimeOffset? LastChasedAt { get; set; }
    public DateTimeOffset? EscalatedToChairAt { get; set; }
    public int Version { get; set; } = 1;
    public List<ActionUpdate> Updates { get; init; } = [];

    public bool IsOpen => Status is ActionStatus.Open or ActionStatus.InProgress;
}

/// <summary>One update to an action: a note, a change of status, or both.</summary>
public sealed class ActionUpdate
{
    public Guid Id { get; init; }
    public Guid ActionId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string ByUserId { get; init; }
    public required string ByName { get; init; }
    public ActionStatus? FromStatus { get; init; }
    public ActionStatus? ToStatus { get; init; }
    public string? Note { get; init; }
}

/// <summary>A chase of an overdue action: one row per (action, chase number), so a run repeated changes nothing twice.</summary>
public sealed class ActionChase
{
    public Guid ActionId { get; init; }
    public int Chase { get; init; }
    public DateTimeOffset ChasedAt { get; init; }
    public bool EscalatedToChair { get; init; }
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
