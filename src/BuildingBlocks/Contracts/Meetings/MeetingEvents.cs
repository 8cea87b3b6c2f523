namespace CareMesh.Contracts.Meetings;

/// <summary>An MDT meeting took place (its minutes were finalised).</summary>
/// <param name="Kind">case-review, referral, business or handover.</param>
public sealed record MdtMeetingHeld(
    Guid MeetingId,
    Guid? SeriesId,
    string Kind,
    DateTimeOffset StartedAt,
    bool QuorumMet,
    int PeopleDiscussed,
    DateTimeOffset HeldAt);

/// <summary>
/// A person was discussed at an MDT and the team recorded decisions: CarePlans adds them to the
/// person's plan history.
/// </summary>
public sealed record PatientDiscussedAtMdt(
    Guid MeetingId,
    Guid AgendaItemId,
    string NhsNumber,
    DateTimeOffset DiscussedAt,
    IReadOnlyList<string> Decisions,
    string? NextSteps);

/// <summary>An action agreed at an MDT was given an owner and a due date.</summary>
/// <param name="NhsNumber">The person the action is about, when it is about one.</param>
public sealed record MdtActionAssigned(
    Guid ActionId,
    Guid MeetingId,
    Guid? AgendaItemId,
    string? NhsNumber,
    string Description,
    string? OwnerUserId,
    string OwnerName,
    string? OwnerOrganisation,
    DateOnly DueOn,
    DateTimeOffset AssignedAt);

/// <summary>
/// An MDT action passed its due date without being done: marked for chasing. Published once per
/// overdue action per chase interval; <paramref name="EscalatedToChair"/> from the second chase on.
/// </summary>
public sealed record MdtActionOverdue(
    Guid ActionId,
    Guid MeetingId,
    string? NhsNumber,
    string? OwnerUserId,
    string OwnerName,
    DateOnly DueOn,
    int Chase,
    bool EscalatedToChair,
    DateTimeOffset DetectedAt);

/// <summary>An MDT action was done.</summary>
public sealed record MdtActionCompleted(
    Guid ActionId,
    Guid MeetingId,
    string? NhsNumber,
    string? Outcome,
    string CompletedByUserId,
    DateTimeOffset CompletedAt);
