namespace CareMesh.Web.Components.Meetings;

// The Meetings service's answers as the workspace reads them (docs/meetings.md, /openapi/meetings.json), wire words
// kept as the service spells them (kebab-case: case-review, awaiting-approval, in-progress).

/// <summary>A meeting in the programme (<c>GET /api/meetings</c>): never patient data.</summary>
public sealed record MeetingSummaryView(Guid Id, string Title, DateTimeOffset StartsAt, TimeSpan Duration, string? Location, string Kind, string Status,
    Guid? SeriesId, string? VideoLink, string ChairName, bool Moved);

/// <summary>One meeting (<c>GET /api/meetings/{id}</c>); its ETag is <see cref="Version"/>, which attendance and closing send back.</summary>
public sealed record MeetingView(
    Guid Id,
    string Title,
    string Kind,
    string Scope,
    string Organisation,
    Guid? SeriesId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int DurationMinutes,
    string? Location,
    string? VideoLink,
    MeetingPersonView Chair,
    IReadOnlyList<CoreMemberView> CoreMembers,
    QuorumView Quorum,
    string Status,
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
    /// <summary>Agenda, attendance and minutes change only while the meeting is still to be held.</summary>
    public bool IsOpen => Status == "scheduled";
}

public sealed record MeetingPersonView(string UserId, string Name);

public sealed record CoreMemberView(string Role, string Organisation, string? UserId, string? Name);

public sealed record QuorumView(IReadOnlyList<string> RequiredRoles, int MinimumPresent)
{
    /// <summary>The rule in words: "Someone present from each of: GP, Care coordinator; and at least 3 people in all".</summary>
    public string Describe()
    {
        var roles = RequiredRoles.Count == 0 ? null : string.Join(", ", RequiredRoles.Select(Words.Of));
        return (roles, MinimumPresent) switch
        {
            (null, 0) => "None: any attendance is quorate",
            (null, var n) => $"At least {n} people present",
            (var r, 0) => $"Someone present from each of: {r}",
            (var r, var n) => $"Someone present from each of: {r}; and at least {n} people in all",
        };
    }
}

public sealed record AgendaView(Guid MeetingId, DateTimeOffset AgendaClosesAt, bool Closed, int MeetingMinutes, int MinutesAllotted, IReadOnlyList<AgendaItemView> Items);

public sealed record AgendaItemView(
    Guid Id,
    int Position,
    string Kind,
    string Title,
    string? NhsNumber,
    string? PersonName,
    string? Reason,
    string? AskedBy,
    string? Question,
    int MinutesAllotted,
    string Status,
    string Source,
    bool AddedAfterCutOff,
    Guid? CarriedFromItemId,
    DateTimeOffset AddedAt,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<HistoryView> History,
    int Version);

/// <summary>A person's earlier discussion at a held meeting.</summary>
public sealed record HistoryView(Guid MeetingId, string MeetingTitle, DateTimeOffset MeetingStartsAt, Guid AgendaItemId, string? Question, string? Outcome,
    IReadOnlyList<DecisionView> Decisions, string? NextSteps);

/// <summary>A person another service's event proposed for an MDT (<c>GET /api/meetings/proposals</c>), waiting for a coordinator.</summary>
public sealed record ProposalView(Guid Id, string Source, string NhsNumber, string? PersonName, string PracticeOds, string Reason, IReadOnlyList<string> Flags,
    DateTimeOffset ProposedAt, string Status, Guid? AgendaItemId);

public sealed record AttendanceView(Guid MeetingId, IReadOnlyList<AttendeeView> Attendees, IReadOnlyList<CoreMemberView> CoreMembersNotRecorded, QuorumView Quorum,
    QuorumStateView QuorumState, int Version);

public sealed record AttendeeView(Guid Id, string? UserId, string Name, string Role, string Organisation, string Status);

public sealed record QuorumStateView(bool Met, int Present, IReadOnlyList<string> MissingRoles);

public sealed record ItemMinuteView(Guid AgendaItemId, int Position, string Kind, string Title, string? NhsNumber, MinuteView? Minute);

public sealed record MinuteView(
    Guid Id,
    Guid AgendaItemId,
    string? Situation,
    string? Discussion,
    IReadOnlyList<DecisionView> Decisions,
    string? NextSteps,
    string Outcome,
    string Status,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinalisedAt,
    string? FinalisedByUserId,
    IReadOnlyList<AddendumView> Addenda,
    int Version)
{
    public bool IsFinal => Status == "final";
}

public sealed record DecisionView(string Kind, string Text);

public sealed record AddendumView(Guid Id, string Text, string AddedByUserId, string AddedByName, DateTimeOffset AddedAt);

/// <summary>An action agreed at an MDT (<c>/api/actions/...</c>, <c>/api/meetings/{id}/actions</c>).</summary>
public sealed record MdtActionView(
    Guid Id,
    Guid MeetingId,
    Guid? AgendaItemId,
    string? NhsNumber,
    string Description,
    MdtActionOwnerView Owner,
    DateOnly DueOn,
    string Status,
    bool Overdue,
    int Chases,
    DateTimeOffset? LastChasedAt,
    bool EscalatedToChair,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Outcome,
    IReadOnlyList<string> AllowedSteps,
    int Version)
{
    public string OwnerText => Owner.Organisation is { } organisation && organisation != Owner.Name ? $"{Owner.Name} ({organisation})" : Owner.Name;
}

public sealed record MdtActionOwnerView(string? UserId, string Name, string? Organisation);

/// <summary>A member of the team (<c>GET /api/referrals/team</c>): who an action may be given to by name.</summary>
public sealed record TeamMemberView(string UserId, string Name, string Role, bool Active);

/// <summary>The service's words for a meeting's and an item's parts, and the tags they are shown in.</summary>
public static class MeetingWords
{
    public static readonly string[] Kinds = ["case-review", "referral", "business", "handover"];

    /// <summary>The professions an MDT brings together (attendees, core members and quorum rules name them).</summary>
    public static readonly string[] Roles =
    [
        "gp", "practice-nurse", "district-nurse", "community-matron", "care-coordinator", "link-worker", "health-coach", "pharmacist",
        "mental-health-practitioner", "social-worker", "physiotherapist", "occupational-therapist", "vcs-partner", "administrator", "other",
    ];

    public static readonly string[] DecisionKinds =
        ["continue-current-plan", "change-plan", "refer-on", "escalate-to-gp", "medication-review", "safeguarding-referral", "discharge", "other"];

    public static string StatusColour(string status) => status switch
    {
        "scheduled" or "confirmed" or "open" => "blue",
        "held" or "done" or "final" => "green",
        "in-progress" => "aqua-green",
        "awaiting-approval" or "draft" => "yellow",
        "cancelled" or "declined-by-chair" => "red",
        _ => "grey",
    };

    /// <summary>"Tuesday 7 April 2026, 1:00pm to 2:00pm" in UK time.</summary>
    public static string When(DateTimeOffset starts, DateTimeOffset ends)
    {
        var start = Words.DateTime(starts);
        var end = Words.DateTime(ends);
        var day = start[..start.IndexOf(',', StringComparison.Ordinal)];
        return end.StartsWith(day + ",", StringComparison.Ordinal) ? $"{start} to {end[(day.Length + 2)..]}" : $"{start} to {end}";
    }
}

/// <summary>What waits for a chair (<c>GET /api/meetings/chair</c>); the workspace shows the actions escalated to them.</summary>
public sealed record ChairsDeskView(IReadOnlyList<MdtActionView> EscalatedActions);
