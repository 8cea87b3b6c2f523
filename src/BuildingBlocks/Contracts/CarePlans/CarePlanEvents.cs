namespace CareMesh.Contracts.CarePlans;

/// <summary>A personalised care and support plan was opened as a draft (or a new draft version started after agreement).</summary>
public sealed record CarePlanDrafted(
    Guid CarePlanId,
    Guid? ReferralId,
    string NhsNumber,
    int Version,
    string? CareCoordinatorUserId,
    DateTimeOffset DraftedAt);

/// <summary>
/// A plan version was agreed with the person. <paramref name="GpCopy"/> carries what the GP may
/// receive under the person's sharing preference: codes only, or codes and the plan's narrative.
/// </summary>
/// <param name="Method">in-person, phone or video.</param>
public sealed record CarePlanAgreed(
    Guid CarePlanId,
    Guid? ReferralId,
    string NhsNumber,
    string PracticeOds,
    int Version,
    string Method,
    bool CarerPresent,
    string AgreedByUserId,
    DateTimeOffset AgreedAt,
    DateOnly ReviewDue,
    GpCopy GpCopy);

/// <summary>What the GP record receives of an agreed plan.</summary>
/// <param name="Sharing">codes-only or full-plan.</param>
/// <param name="Narrative">The plan's narrative (what matters, goals, actions) as plain text; null when codes only.</param>
public sealed record GpCopy(string Sharing, IReadOnlyList<SnomedConcept> Codes, string? Narrative);

/// <summary>A plan's review date has arrived. Published once per due review.</summary>
/// <param name="PracticeOds">The person's practice, so a consumer that has not heard of them yet still knows whose team it is. Added later: null from older publishers.</param>
public sealed record CarePlanReviewDue(
    Guid CarePlanId,
    Guid? ReferralId,
    string NhsNumber,
    DateOnly ReviewDue,
    string? CareCoordinatorUserId,
    DateTimeOffset DetectedAt,
    string? PracticeOds = null);

/// <summary>A plan was closed (the episode ended, the person declined, or they moved away).</summary>
/// <param name="Codes">What a GP record codes of the closing (care planning declined, when the person declined); empty otherwise. Added later: null from older publishers.</param>
public sealed record CarePlanClosed(
    Guid CarePlanId,
    Guid? ReferralId,
    string NhsNumber,
    string Reason,
    DateTimeOffset ClosedAt,
    IReadOnlyList<SnomedConcept>? Codes = null);

/// <summary>An agreed plan was reviewed with the person: what changed is in the plan; the next review is set.</summary>
public sealed record CarePlanReviewed(
    Guid CarePlanId,
    Guid? ReferralId,
    string NhsNumber,
    string PracticeOds,
    Guid ReviewId,
    DateOnly ReviewedOn,
    DateOnly NextReviewDue,
    string ReviewedByUserId,
    SnomedConcept Code,
    DateTimeOffset RecordedAt);

/// <summary>A wellbeing measure (ONS4 personal wellbeing or SWEMWBS) was recorded.</summary>
/// <param name="Measure">ons4 or swemwbs.</param>
/// <param name="Score">SWEMWBS: the metric score (7.00 to 35.00); ONS4: null (its four answers are reported apart, see <paramref name="Answers"/>).</param>
/// <param name="Answers">The answers as given, in the measure's published order.</param>
public sealed record WellbeingMeasured(
    Guid CarePlanId,
    string NhsNumber,
    Guid MeasurementId,
    string Measure,
    decimal? Score,
    IReadOnlyList<int> Answers,
    bool IsBaseline,
    DateOnly MeasuredOn,
    SnomedConcept Code,
    DateTimeOffset RecordedAt);

/// <summary>A Patient Activation Measure score was recorded.</summary>
/// <param name="Level">1 to 4, by the published cut-offs.</param>
/// <param name="ChangeSinceBaseline">Score minus the baseline's; null for the baseline itself.</param>
public sealed record ActivationRecorded(
    Guid CarePlanId,
    string NhsNumber,
    Guid MeasurementId,
    decimal Score,
    int Level,
    bool IsBaseline,
    decimal? ChangeSinceBaseline,
    DateOnly MeasuredOn,
    SnomedConcept Code,
    DateTimeOffset RecordedAt);
