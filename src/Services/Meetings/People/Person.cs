namespace CareMesh.Meetings.People;

/// <summary>
/// What Meetings knows of a person from the events it receives (referrals accepted, escalations,
/// care plans), for the papers: no more than an MDT pack needs. Referrals and CarePlans keep the
/// master records.
/// </summary>
public sealed class Person
{
    public required string NhsNumber { get; init; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? PracticeOds { get; set; }
    public string? ReferralReason { get; set; }
    public string? Urgency { get; set; }
    public string? Complexity { get; set; }
    public List<string> RiskFlags { get; set; } = [];
    public List<string> Needs { get; set; } = [];
    public string? CareCoordinatorName { get; set; }
    public Guid? CarePlanId { get; set; }

    /// <summary>draft, agreed, review-due or closed, from the care plan's events.</summary>
    public string? PlanStatus { get; set; }

    public int? PlanVersion { get; set; }
    public DateOnly? ReviewDue { get; set; }
    public string? LatestEscalation { get; set; }
    public DateTimeOffset? LatestEscalationAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): a concurrent change to the same person is refused, not overwritten.</summary>
    public uint RowVersion { get; set; }

    public string? DisplayName => GivenName is null && FamilyName is null ? null : $"{GivenName} {FamilyName}".Trim();
}
