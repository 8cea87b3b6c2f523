using CareMesh.CarePlans.Actions;
using CareMesh.CarePlans.Goals;
using CareMesh.CarePlans.Plans;
using CareMesh.Contracts;

namespace CareMesh.CarePlans.Versions;

public enum AgreementMethod
{
    InPerson,
    Phone,
    Video,
}

/// <summary>
/// An agreed version of a plan, kept whole: <see cref="Snapshot"/> is the version's JSON exactly as it
/// was written at agreement (a text column, never re-serialised), so it reads back byte for byte
/// however the plan changes afterwards.
/// </summary>
public sealed class PlanVersion
{
    public Guid PlanId { get; init; }
    public int Number { get; init; }
    public AgreementMethod Method { get; init; }
    public DateTimeOffset AgreedAt { get; init; }
    public bool CarerPresent { get; init; }
    public required string AgreedByUserId { get; init; }
    public required string AgreedByName { get; init; }
    public DateOnly ReviewDue { get; init; }
    public GpSharing Sharing { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string Snapshot { get; init; }
}

/// <summary>How, when and by whom a version was agreed with the person.</summary>
public sealed record AgreementResponse(AgreementMethod Method, DateTimeOffset AgreedAt, bool CarerPresent, string AgreedByUserId, string AgreedByName, DateOnly ReviewDue);

/// <summary>
/// A version of the plan as a whole: what an agreed version keeps, and what the current draft is
/// compared as. <see cref="Agreement"/> is null for a draft.
/// </summary>
public sealed record PlanVersionDocument(
    Guid CarePlanId,
    int Version,
    PersonResponse Person,
    PlanSections Sections,
    IReadOnlyList<GoalResponse> Goals,
    IReadOnlyList<ActionResponse> Actions,
    AgreementResponse? Agreement,
    IReadOnlyList<SnomedConcept> Codes)
{
    public static PlanVersionDocument Of(CarePlan plan, AgreementResponse? agreement, IReadOnlyList<SnomedConcept> codes)
    {
        var current = CarePlanResponse.From(plan);
        return new(plan.Id, plan.VersionNumber, current.Person, current.Sections, current.Goals, current.Actions, agreement, codes);
    }
}

public sealed record VersionSummary(int Version, AgreementMethod Method, DateTimeOffset AgreedAt, bool CarerPresent, string AgreedByName, DateOnly ReviewDue, GpSharing Sharing)
{
    public static VersionSummary From(PlanVersion v) => new(v.Number, v.Method, v.AgreedAt, v.CarerPresent, v.AgreedByName, v.ReviewDue, v.Sharing);
}
