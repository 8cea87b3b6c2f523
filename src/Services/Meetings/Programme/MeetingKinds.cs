namespace CareMesh.Meetings.Programme;

/// <summary>The kinds of MDT meeting a PCN runs (wire names: case-review, referral, business, handover).</summary>
public enum MeetingKind
{
    CaseReview,
    Referral,
    Business,
    Handover,
}

/// <summary>Whom a meeting is for: one practice, or the whole PCN.</summary>
public enum MeetingScope
{
    Practice,
    Pcn,
}

/// <summary>The professions an MDT brings together: core members, attendees and quorum rules name them.</summary>
public enum MdtRole
{
    Gp,
    PracticeNurse,
    DistrictNurse,
    CommunityMatron,
    CareCoordinator,
    LinkWorker,
    HealthCoach,
    Pharmacist,
    MentalHealthPractitioner,
    SocialWorker,
    Physiotherapist,
    OccupationalTherapist,
    VcsPartner,
    Administrator,
    Other,
}

/// <summary>A member the meeting expects: a role from an organisation, and the person when known.</summary>
public sealed record CoreMember(MdtRole Role, string Organisation, string? UserId, string? Name);

/// <summary>
/// When a meeting may decide: every role in <see cref="RequiredRoles"/> present (at least one person
/// each), and at least <see cref="MinimumPresent"/> people present in all.
/// </summary>
public sealed record QuorumRule(IReadOnlyList<MdtRole> RequiredRoles, int MinimumPresent)
{
    public static readonly QuorumRule None = new([], 0);

    public QuorumState Assess(IEnumerable<(MdtRole Role, bool Present)> attendance)
    {
        var present = attendance.Where(a => a.Present).Select(a => a.Role).ToList();
        var missing = RequiredRoles.Distinct().Where(role => !present.Contains(role)).ToList();
        return new QuorumState(missing.Count == 0 && present.Count >= MinimumPresent, present.Count, missing);
    }
}

/// <summary>Whether a meeting's quorum is met, how many are present and which required roles are missing.</summary>
public sealed record QuorumState(bool Met, int Present, IReadOnlyList<MdtRole> MissingRoles);
