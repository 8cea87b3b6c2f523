namespace CareMesh.Meetings.Programme;

public sealed record PersonResponse(string UserId, string Name);

public sealed record RecurrenceResponse(RecurrenceFrequency Frequency, int Interval, DayOfWeek Day, WeekOfMonth? Week, string Description);

/// <summary>A meeting in a list: when, where, what kind, and whether it still stands. Never patient data.</summary>
public sealed record MeetingSummary(
    Guid Id,
    string Title,
    DateTimeOffset StartsAt,
    TimeSpan Duration,
    string? Location,
    MeetingKind Kind,
    MeetingStatus Status,
    Guid? SeriesId,
    string? VideoLink,
    string ChairName,
    bool Moved)
{
    public static MeetingSummary From(MdtMeeting m) =>
        new(m.Id, m.Title, m.StartsAt, m.Duration, m.Location, m.Kind, m.Status, m.SeriesId, m.VideoLink, m.ChairName, m.OriginallyStartsAt is not null);
}

public sealed record SeriesResponse(
    Guid Id,
    MeetingKind Kind,
    string Title,
    MeetingScope Scope,
    string Organisation,
    PersonResponse Chair,
    RecurrenceResponse Recurrence,
    string StartTime,
    int DurationMinutes,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string? Location,
    string? VideoLink,
    IReadOnlyList<CoreMember> CoreMembers,
    QuorumRule Quorum,
    int AgendaCutOffWorkingDays,
    int PapersDeadlineHours,
    DateOnly ScheduledThrough,
    bool Ended,
    int Version,
    IReadOnlyList<MeetingSummary> Upcoming)
{
    public static SeriesResponse From(MeetingSeries s, IReadOnlyList<MeetingSummary> upcoming) => new(
        s.Id, s.Kind, s.Title, s.Scope, s.Organisation, new PersonResponse(s.ChairUserId, s.ChairName),
        new RecurrenceResponse(s.Frequency, s.Interval, s.Day, s.Week, s.Recurrence.Describe()),
        s.StartTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.DurationMinutes, s.StartsOn, s.EndsOn,
        s.Location, s.VideoLink, s.CoreMembers, s.Quorum, s.AgendaCutOffWorkingDays, s.PapersDeadlineHours, s.ScheduledThrough, s.Ended, s.Version, upcoming);
}

/// <summary>A meeting in full, without its agenda (which names people: GET its agenda for that).</summary>
public sealed record MeetingResponse(
    Guid Id,
    string Title,
    MeetingKind Kind,
    MeetingScope Scope,
    string Organisation,
    Guid? SeriesId,
    DateOnly? OccurrenceDate,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string LocalDate,
    string LocalStartTime,
    int DurationMinutes,
    string? Location,
    string? VideoLink,
    PersonResponse Chair,
    IReadOnlyList<CoreMember> CoreMembers,
    QuorumRule Quorum,
    MeetingStatus Status,
    string? StatusReason,
    DateTimeOffset? OriginallyStartsAt,
    DateTimeOffset AgendaClosesAt,
    bool AgendaClosed,
    DateTimeOffset PapersDueAt,
    DateTimeOffset? PapersCirculatedAt,
    bool PapersLate,
    DateTimeOffset? HeldAt,
    bool? QuorumMet,
    IReadOnlyList<string> AllowedActions,
    int Version)
{
    public static MeetingResponse From(MdtMeeting m, DateTimeOffset now)
    {
        var local = UkTime.ToUk(m.StartsAt);
        return new(m.Id, m.Title, m.Kind, m.Scope, m.Organisation, m.SeriesId, m.OccurrenceDate, m.StartsAt, m.EndsAt,
            local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            (int)m.Duration.TotalMinutes, m.Location, m.VideoLink, new PersonResponse(m.ChairUserId, m.ChairName), m.CoreMembers, m.Quorum,
            m.Status, m.StatusReason, m.OriginallyStartsAt, m.AgendaClosesAt, now >= m.AgendaClosesAt, m.PapersDueAt, m.PapersCirculatedAt,
            IsPapersLate(m, now), m.HeldAt, m.QuorumMet,
            [.. MeetingWorkflow.Machine.ActionsFrom(m.Status).Select(a => WireEnum.Name(a))], m.Version);
    }

    /// <summary>Late: not circulated by the deadline, or circulated after it.</summary>
    public static bool IsPapersLate(MdtMeeting m, DateTimeOffset now) =>
        m.PapersCirculatedAt is { } circulated ? circulated > m.PapersDueAt : now > m.PapersDueAt && m.Status == MeetingStatus.Scheduled;
}
