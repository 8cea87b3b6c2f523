namespace CareMesh.Meetings.Agenda;

public enum AgendaItemKind
{
    /// <summary>A person to discuss: NHS number, reason, who asked, the question for the team.</summary>
    Person,

    /// <summary>Anything else: a service update, a policy, a pathway.</summary>
    General,
}

public enum AgendaItemStatus
{
    Confirmed,

    /// <summary>Added after the agenda closed: waits for the chair.</summary>
    AwaitingApproval,

    DeclinedByChair,
    Withdrawn,
}

public enum AgendaItemAction
{
    Approve,
    Decline,
    Withdraw,
}

/// <summary>Where an item came from.</summary>
public enum AgendaItemSource
{
    Added,
    ReferralAccepted,
    EscalationRaised,
    CarePlanReviewDue,

    /// <summary>Not reached, or still open, at the series' previous meeting.</summary>
    CarriedForward,
}

/// <summary>One item on a meeting's agenda, in its place and with its time.</summary>
public sealed class AgendaItem
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxMinutes = 120;

    public Guid Id { get; init; }
    public Guid MeetingId { get; init; }
    public int Position { get; set; }
    public AgendaItemKind Kind { get; init; }
    public required string Title { get; set; }
    public string? NhsNumber { get; init; }

    /// <summary>Why the person is brought to the MDT.</summary>
    public string? Reason { get; set; }

    /// <summary>Who asked for the discussion (name, and role or organisation if they give it).</summary>
    public string? AskedBy { get; set; }

    /// <summary>What the team is asked to decide.</summary>
    public string? Question { get; set; }

    public int MinutesAllotted { get; set; }
    public AgendaItemStatus Status { get; set; }
    public AgendaItemSource Source { get; init; }
    public Guid? ProposalId { get; init; }

    /// <summary>The item at the previous meeting this one continues.</summary>
    public Guid? CarriedFromItemId { get; init; }

    public DateTimeOffset AddedAt { get; init; }
    public required string AddedByUserId { get; init; }
    public bool AddedAfterCutOff { get; init; }
    public string? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; } = 1;

    public bool IsActive => Status is AgendaItemStatus.Confirmed or AgendaItemStatus.AwaitingApproval;
}

public static class AgendaItemWorkflow
{
    public static readonly StateMachine<AgendaItemStatus, AgendaItemAction> Machine = new(
    [
        (AgendaItemStatus.AwaitingApproval, AgendaItemAction.Approve, AgendaItemStatus.Confirmed),
        (AgendaItemStatus.AwaitingApproval, AgendaItemAction.Decline, AgendaItemStatus.DeclinedByChair),
        (AgendaItemStatus.AwaitingApproval, AgendaItemAction.Withdraw, AgendaItemStatus.Withdrawn),
        (AgendaItemStatus.Confirmed, AgendaItemAction.Withdraw, AgendaItemStatus.Withdrawn),
    ]);
}
