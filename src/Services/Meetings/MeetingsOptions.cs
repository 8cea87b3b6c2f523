namespace CareMesh.Meetings;

/// <summary><c>Meetings</c>: how the PCN runs its MDT programme.</summary>
public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>Default for new series and meetings: agenda additions close this many working days before (later ones need the chair).</summary>
    public int AgendaCutOffWorkingDays { get; set; } = 2;

    /// <summary>Default for new series and meetings: the papers are due this many hours before the meeting.</summary>
    public int PapersDeadlineHours { get; set; } = 24;

    /// <summary>An overdue action is chased again once this has passed since its last chase.</summary>
    public TimeSpan ChaseInterval { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How far ahead a series' meetings exist (the horizon check keeps it so).</summary>
    public int ScheduleAheadDays { get; set; } = 182;

    /// <summary>
    /// The PCN's own ODS code: its staff see every practice's meetings. Staff of a practice see their
    /// practice's meetings and the whole PCN's. Unset, practice meetings are seen by that practice alone.
    /// </summary>
    public string? PcnOdsCode { get; set; }

    /// <summary>The public address calendar links are made from (the gateway's), e.g. https://caremesh.example.nhs.uk.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>A calendar feed holds meetings from this many days back.</summary>
    public int FeedDaysBack { get; set; } = 31;

    /// <summary>... to this many days ahead.</summary>
    public int FeedDaysAhead { get; set; } = 366;
}
