namespace CareMesh.Referrals.Escalations;

public enum EscalationSeverity
{
    Urgent,
    RoutineReview,
}

/// <summary>
/// An urgent need or safety concern put to the person's named clinician, who must acknowledge it in
/// working time; until they do, the overdue check raises it again and flags it to the team lead.
/// </summary>
public sealed class Escalation
{
    public const int MaxConcernLength = 500;
    public const int MaxResponseLength = 2000;

    public Guid Id { get; init; }
    public Guid ReferralId { get; init; }
    public required string NhsNumber { get; init; }
    public EscalationSeverity Severity { get; init; }
    public required string Concern { get; init; }
    public required string ClinicianUserId { get; init; }
    public required string ClinicianName { get; init; }
    public required string RaisedByUserId { get; init; }
    public required string RaisedByName { get; init; }
    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>When it must be acknowledged: the configured working hours after it was raised, then after each time it is raised again.</summary>
    public DateTimeOffset AcknowledgeBy { get; set; }

    /// <summary>How often it has been raised: 1 when first raised, one more each time it fell overdue.</summary>
    public int TimesRaised { get; set; } = 1;

    public DateTimeOffset? FlaggedToTeamLeadAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? Response { get; set; }
    public int Version { get; set; } = 1;
}
