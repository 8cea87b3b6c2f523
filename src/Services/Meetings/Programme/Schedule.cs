namespace CareMesh.Meetings.Programme;

/// <summary>Where a series' meetings fall, and the deadlines each meeting's date sets.</summary>
public static class Schedule
{
    /// <summary>The instant a UK date and wall-clock time name (<see cref="UkTime.At"/>'s rule for the hours the clocks skip or repeat), in UTC as it is stored.</summary>
    public static DateTimeOffset Instant(DateOnly date, TimeOnly time) => UkTime.At(date, time).ToUniversalTime();

    /// <summary>
    /// The instant agenda additions close: the meeting's own time of day, <paramref name="workingDays"/>
    /// working days before its date (a Thursday 13:00 meeting closes on Tuesday at 13:00; bank holidays do not count).
    /// </summary>
    public static DateTimeOffset AgendaClosesAt(WorkingCalendar calendar, DateTimeOffset startsAt, int workingDays)
    {
        if (workingDays == 0)
        {
            return startsAt;
        }

        var local = UkTime.ToUk(startsAt);
        return Instant(calendar.WorkingDaysBefore(DateOnly.FromDateTime(local.DateTime), workingDays), TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>Sets the deadlines that follow from the meeting's time.</summary>
    public static void SetDeadlines(MdtMeeting meeting, WorkingCalendar calendar)
    {
        meeting.AgendaClosesAt = AgendaClosesAt(calendar, meeting.StartsAt, meeting.AgendaCutOffWorkingDays);
        meeting.PapersDueAt = meeting.StartsAt - TimeSpan.FromHours(meeting.PapersDeadlineHours);
    }

    /// <summary>The series' meetings on dates after <see cref="MeetingSeries.ScheduledThrough"/> up to <paramref name="through"/>; moves the mark on.</summary>
    public static List<MdtMeeting> Extend(MeetingSeries series, DateOnly through, WorkingCalendar calendar)
    {
        var last = series.EndsOn is { } ends && ends < through ? ends : through;
        var from = series.ScheduledThrough.AddDays(1);
        if (from < series.StartsOn)
        {
            from = series.StartsOn;
        }

        var meetings = from > last ? [] : series.Recurrence.Dates(series.StartsOn, last).Where(date => date >= from).Select(date => Occurrence(series, date, calendar)).ToList();
        if (last > series.ScheduledThrough)
        {
            series.ScheduledThrough = last;
        }

        return meetings;
    }

    public static MdtMeeting Occurrence(MeetingSeries series, DateOnly date, WorkingCalendar calendar)
    {
        var meeting = new MdtMeeting
        {
            Id = Guid.CreateVersion7(),
            SeriesId = series.Id,
            OccurrenceDate = date,
            Title = series.Title,
            StartsAt = Instant(date, series.StartTime),
            Duration = TimeSpan.FromMinutes(series.DurationMinutes),
            Status = MeetingStatus.Scheduled,
        };
        ApplySeries(meeting, series);
        Schedule.SetDeadlines(meeting, calendar);
        return meeting;
    }

    /// <summary>What a meeting takes from its series (its time aside).</summary>
    public static void ApplySeries(MdtMeeting meeting, MeetingSeries series)
    {
        meeting.Title = series.Title;
        meeting.Kind = series.Kind;
        meeting.Scope = series.Scope;
        meeting.Organisation = series.Organisation;
        meeting.SetMembers(series.ChairUserId, series.ChairName, series.CoreMembers);
        meeting.Quorum = series.Quorum;
        meeting.Location = series.Location;
        meeting.VideoLink = series.VideoLink;
        meeting.AgendaCutOffWorkingDays = series.AgendaCutOffWorkingDays;
        meeting.PapersDeadlineHours = series.PapersDeadlineHours;
    }
}
