using CareMesh.Contracts;
using Microsoft.Extensions.Options;

namespace CareMesh.CarePlans.Coding;

/// <summary>Every activity a GP record would code, as CarePlans records it.</summary>
public enum CodedActivity
{
    PlanAgreed,
    PlanReviewed,
    PlanDeclined,
    ActivationRecorded,
    WellbeingMeasured,
    CarerIdentified,
    PersonalHealthBudgetOffered,
}

/// <summary>
/// <c>CarePlans:Codes:&lt;activity&gt;</c>: the SNOMED CT concept each activity is coded with, one
/// map for the whole service so a GP-system connector writes back what the GP copy shows. The defaults
/// below take their display terms from NHS England's primary care reference sets (the LTC LCS
/// "Personalised Care and Support Plan agreed" / "Review of Personalised Care and Support Plan" /
/// "Personalised Care and Support Planning declined" events, the Patient Activation Measure and the
/// carer and personal health budget codes of the personalised care metrics); each concept id is to be
/// confirmed against the PCN's current UK SNOMED CT release before a connector writes it (docs/care-plans.md).
/// </summary>
public sealed class ActivityCodeOptions
{
    public const string Section = "CarePlans:Codes";

    public static readonly IReadOnlyDictionary<CodedActivity, SnomedConcept> Defaults = new Dictionary<CodedActivity, SnomedConcept>
    {
        [CodedActivity.PlanAgreed] = new("887031000000108", "Personalised care and support plan agreed"),
        [CodedActivity.PlanReviewed] = new("887041000000104", "Review of personalised care and support plan"),
        [CodedActivity.PlanDeclined] = new("887051000000101", "Personalised care and support planning declined"),
        [CodedActivity.ActivationRecorded] = new("1049401000000107", "Patient activation measure score"),
        [CodedActivity.WellbeingMeasured] = new("1090181000000100", "Office for National Statistics personal wellbeing questions score"),
        [CodedActivity.CarerIdentified] = new("302767002", "Has a carer"),
        [CodedActivity.PersonalHealthBudgetOffered] = new("1092291000000107", "Personal health budget offered"),
    };

    /// <summary>Overrides by activity (wire name, e.g. <c>plan-agreed</c>); unset ones keep the default.</summary>
    public Dictionary<string, SnomedConcept> Overrides { get; set; } = [];
}

/// <summary>The configured code of each activity.</summary>
public sealed class ActivityCodes(IOptions<ActivityCodeOptions> options)
{
    public SnomedConcept For(CodedActivity activity) =>
        options.Value.Overrides.TryGetValue(WireEnum.Name(activity), out var chosen) ? chosen : ActivityCodeOptions.Defaults[activity];
}
