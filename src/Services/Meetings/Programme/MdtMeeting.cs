namespace CareMesh.Meetings.Programme;

/// <summary>
/// One MDT meeting: a series' occurrence (<see cref="SeriesId"/> and <see cref="OccurrenceDate"/>,
/// the slot it fills, kept when it is moved) or a one-off. It carries its own copy of the series'
/// chair, members, quorum rule and place, so changing the series later does not rewrite meetings
/// already held.
/// </summary>
public sealed class MdtMeeting
{
    public Guid Id { get; init; }
    public required string Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public TimeSpan Duration { get; set; }
    public string? Location { get; set; }

    public Guid? SeriesId { get; init; }
    public DateOnly? OccurrenceDate { get; init; }
    public MeetingKind Kind { get; set; }
    public MeetingScope Scope { get; set; }
    public string Organisation { get; set; } = "";
    public string ChairUserId { get; private set; } = "";
    public string ChairName { get; private set; } = "";
    public string? VideoLink { get; set; }
    public List<CoreMember> CoreMembers { get; private set; } = [];

    /// <summary>The chair's and the core members' user ids: whose calendars the meeting is in.</summary>
    public List<string> MemberUserIds { get; private set; } = [];

    public QuorumRule Quorum { get; set; } = QuorumRule.None;
    public MeetingStatus Status { get; set; }

    /// <summary>Where the meeting was first planned, when it has been moved.</summary>
    public DateTimeOffset? OriginallyStartsAt { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>Additions after this need the chair's approval.</summary>
    public DateTimeOffset AgendaClosesAt { get; set; }

    public int AgendaCutOffWorkingDays { get; set; }
    public int PapersDeadlineHours { get; set; }

    /// <summary>The papers are late from this instant if not circulated.</summary>
    public DateTimeOffset PapersDueAt { get; set; }

    public DateTimeOffset? PapersCirculatedAt { get; set; }
    public string? PapersCirculatedBy { get; set; }

    /// <summary>When the late-papers check flagged the meeting to its chair.</summary>
    public DateTimeOffset? PapersLateFlaggedAt { get; set; }

    /// <summary>When the minutes were finalised and the meeting recorded as held.</summary>
    public DateTimeOffset? HeldAt { get; set; }

    public bool? QuorumMet { get; set; }
    public int Version { get; set; } = 1;

    public DateTimeOffset EndsAt => StartsAt + Duration;

    public void SetMembers(string chairUserId, string chairName, IEnumerable<CoreMember> members)
    {
        ChairUserId = chairUserId;
        ChairName = chairName;
        CoreMembers = [.. members];
        MemberUserIds = [.. CoreMembers.Select(m => m.UserId).OfType<string>().Append(chairUserId).Distinct()];
    }
}

public enum MeetingStatus
{
    Scheduled,
    Cancelled,
    Held,
}

/// <summary>What can happen to a meeting as a whole.</summary>
public enum MeetingAction
{
    Change,
    Cancel,
    Reinstate,
    Close,
}

public static class MeetingWorkflow
{
    public static readonly StateMachine<MeetingStatus, MeetingAction> Machine = new(
    [
        (MeetingStatus.Scheduled, MeetingAction.Change, MeetingStatus.Scheduled),
        (MeetingStatus.Scheduled, MeetingAction.Cancel, MeetingStatus.Cancelled),
        (MeetingStatus.Scheduled, MeetingAction.Close, MeetingStatus.Held),
        (MeetingStatus.Cancelled, MeetingAction.Reinstate, MeetingStatus.Scheduled),
    ]);
}
