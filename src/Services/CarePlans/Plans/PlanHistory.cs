namespace CareMesh.CarePlans.Plans;

/// <summary>What a history entry is about.</summary>
public enum HistorySubject
{
    Goal,
    Action,
    Mdt,
    Review,
}

/// <summary>
/// One entry in a plan's history: a goal's progress note, an action's update (by a person, or by an
/// onward referral's or the directory's event), a review. Entries are only ever added.
/// </summary>
public sealed class PlanHistoryEntry
{
    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public HistorySubject Subject { get; init; }

    /// <summary>The goal or action it is about.</summary>
    public Guid? SubjectId { get; init; }

    public DateTimeOffset At { get; init; }
    public required string ByUserId { get; init; }
    public required string ByName { get; init; }

    /// <summary>The subject's status before and after, as wire names, when the entry moved it.</summary>
    public string? FromStatus { get; init; }

    public string? ToStatus { get; init; }
    public string? Note { get; init; }
}

public sealed record HistoryResponse(DateTimeOffset At, string ByUserId, string ByName, string? FromStatus, string? ToStatus, string? Note)
{
    public static HistoryResponse From(PlanHistoryEntry entry) => new(entry.At, entry.ByUserId, entry.ByName, entry.FromStatus, entry.ToStatus, entry.Note);
}
