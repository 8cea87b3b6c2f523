namespace CareMesh.Meetings.Programme;

/// <summary>
/// A programme of regular MDT meetings of one kind: when they recur (UK local time), for whom, who
/// chairs and who is expected, when it is quorate, where it meets and how its agenda and papers run.
/// Its meetings are created ahead of time (<see cref="ScheduledThrough"/>); each can then be moved or
/// cancelled alone.
/// </summary>
public sealed class MeetingSeries
{
    public const int MaxTitleLength = 200;
    public const int MaxPlaceLength = 300;
    public const int MaxLinkLength = 500;

    public Guid Id { get; init; }
    public MeetingKind Kind { get; set; }
    public required string Title { get; set; }
    public MeetingScope Scope { get; set; }

    /// <summary>The ODS code of the practice the meetings are for, or the PCN's.</summary>
    public required string Organisation { get; set; }

    public required string ChairUserId { get; set; }
    public required string ChairName { get; set; }

    public RecurrenceFrequency Frequency { get; set; }
    public int Interval { get; set; } = 1;
    public DayOfWeek Day { get; set; }
    public WeekOfMonth? Week { get; set; }

    /// <summary>UK wall-clock time the meetings start.</summary>
    public TimeOnly StartTime { get; set; }

    public int DurationMinutes { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string? Location { get; set; }
    public string? VideoLink { get; set; }
    public List<CoreMember> CoreMembers { get; set; } = [];
    public QuorumRule Quorum { get; set; } = QuorumRule.None;

    /// <summary>Agenda additions close this many working days before each meeting; later ones need the chair's approval.</summary>
    public int AgendaCutOffWorkingDays { get; set; }

    /// <summary>Papers are due this many hours before each meeting.</summary>
    public int PapersDeadlineHours { get; set; }

    /// <summary>Meetings exist up to this date; the horizon check extends it.</summary>
    public DateOnly ScheduledThrough { get; set; }

    public bool Ended { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedByUserId { get; init; }
    public int Version { get; set; } = 1;

    public Recurrence Recurrence => new(Frequency, Interval, Day, Week);
}
