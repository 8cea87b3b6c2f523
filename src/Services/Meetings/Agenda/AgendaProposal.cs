namespace CareMesh.Meetings.Agenda;

public enum ProposalSource
{
    ReferralAccepted,
    EscalationRaised,
    CarePlanReviewDue,
}

public enum ProposalStatus
{
    Pending,
    Confirmed,
    Dismissed,
}

/// <summary>
/// A person suggested for an MDT by another service's event: never on an agenda until a coordinator
/// confirms it onto a meeting. One per event (<see cref="Source"/>, <see cref="SourceKey"/> unique),
/// however often the event arrives.
/// </summary>
public sealed class AgendaProposal
{
    public Guid Id { get; init; }
    public ProposalSource Source { get; init; }

    /// <summary>The event's own identity: the referral, the escalation, or the plan and its review date.</summary>
    public required string SourceKey { get; init; }

    public required string NhsNumber { get; init; }
    public required string PracticeOds { get; init; }
    public required string Reason { get; init; }
    public List<string> Flags { get; init; } = [];
    public DateTimeOffset ProposedAt { get; init; }
    public ProposalStatus Status { get; set; }
    public Guid? AgendaItemId { get; set; }
    public string? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DismissedBecause { get; set; }
}
