namespace CareMesh.Meetings.Minutes;

public enum MinuteStatus
{
    Draft,

    /// <summary>Locked: corrections are addenda beside it (the database refuses any change to it).</summary>
    Final,
}

/// <summary>What happened to an agenda item: decides whether the person comes back next time.</summary>
public enum ItemOutcome
{
    Discussed,

    /// <summary>Discussed, and the team wants it back at the next meeting.</summary>
    StillOpen,

    NotReached,
}

/// <summary>The kinds of decision an MDT records, so they reach the person's plan as data.</summary>
public enum DecisionKind
{
    ContinueCurrentPlan,
    ChangePlan,
    ReferOn,
    EscalateToGp,
    MedicationReview,
    SafeguardingReferral,
    Discharge,
    Other,
}

public sealed record Decision(DecisionKind Kind, string Text);

/// <summary>
/// The minute of one agenda item, in the structure PCN MDTs use: the situation, the discussion, the
/// decisions and the next steps. Written as a draft during the meeting, then finalised.
/// </summary>
public sealed class Minute
{
    public const int MaxTextLength = 8000;

    public Guid Id { get; init; }
    public Guid MeetingId { get; init; }
    public Guid AgendaItemId { get; init; }
    public string? Situation { get; set; }
    public string? Discussion { get; set; }
    public List<Decision> Decisions { get; set; } = [];
    public string? NextSteps { get; set; }
    public ItemOutcome Outcome { get; set; }
    public MinuteStatus Status { get; set; }
    public required string WrittenByUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinalisedAt { get; set; }
    public string? FinalisedByUserId { get; set; }
    public int Version { get; set; } = 1;
    public List<MinuteAddendum> Addenda { get; init; } = [];
}

/// <summary>A correction or addition to a final minute, kept beside it.</summary>
public sealed class MinuteAddendum
{
    public Guid Id { get; init; }
    public Guid MinuteId { get; init; }
    public required string Text { get; init; }
    public required string AddedByUserId { get; init; }
    public required string AddedByName { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}
