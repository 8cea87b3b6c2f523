namespace CareMesh.CarePlans.Measures;

public enum MeasureKind
{
    /// <summary>Patient Activation Measure.</summary>
    Pam,

    /// <summary>ONS4 personal wellbeing.</summary>
    Ons4,

    /// <summary>Short Warwick-Edinburgh Mental Wellbeing Scale.</summary>
    Swemwbs,
}

/// <summary>
/// One measure taken with the person. The first of each kind on a plan is its baseline; later ones
/// are follow-ups, read as change since the baseline.
/// </summary>
public sealed class Measurement
{
    public Guid Id { get; init; }
    public Guid PlanId { get; init; }
    public MeasureKind Kind { get; init; }
    public DateOnly MeasuredOn { get; init; }
    public bool IsBaseline { get; init; }

    /// <summary>PAM: the score; SWEMWBS: the metric score; ONS4: none (its answers stand apart).</summary>
    public decimal? Score { get; init; }

    /// <summary>PAM: its level, 1 to 4.</summary>
    public int? Level { get; init; }

    /// <summary>The answers as given: ONS4's four, SWEMWBS's seven; none for PAM.</summary>
    public List<int> Answers { get; init; } = [];

    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedByUserId { get; init; }

    /// <summary>The review the measure was taken at, when it was.</summary>
    public Guid? ReviewId { get; set; }
}
