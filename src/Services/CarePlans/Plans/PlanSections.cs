using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CareMesh.CarePlans.Plans;

// The plan's narrative, in the PRSB Personalised Care and Support Plan standard's sections. One
// record is both what a coordinator sends and what is kept (a jsonb value read and written whole),
// so the rules the request is checked against are the rules of the stored plan.

/// <summary>The plan's sections, as the PRSB PCSP standard names them. Any section left out is kept empty.</summary>
public sealed record PlanSections(
    [property: Description("About me: what matters to the person, in their words.")] [Display(Name = "about me")] AboutMe? AboutMe,
    [property: Items(30), Description("Needs by domain (housing, social-isolation, mobility, ...).")] [Display(Name = "needs")] IReadOnlyList<DomainNeed>? Needs,
    [Display(Name = "carers")] Carers? Carers,
    [Display(Name = "benefits and employment")] BenefitsAndEmployment? BenefitsAndEmployment,
    [Display(Name = "personal health budget")] PersonalHealthBudget? PersonalHealthBudget,
    [Display(Name = "safeguarding and risk")] SafeguardingAndRisk? SafeguardingAndRisk,
    [Display(Name = "consent and sharing")] ConsentAndSharing? Consent,
    [Display(Name = "named clinical contact")] Contact? NamedClinicalContact,
    [Display(Name = "care coordinator")] Contact? CareCoordinator)
{
    public const int LongText = 4000;

    public static readonly PlanSections Empty = new PlanSections(null, null, null, null, null, null, null, null, null).Complete();

    /// <summary>Every section present (an absent one empty), so readers never meet a null section.</summary>
    public PlanSections Complete() => new(
        AboutMe ?? new AboutMe(null, null, null),
        Needs ?? [],
        Carers ?? new Carers(false, null, null, WireEnum.Name(CarersAssessment.NotOffered)),
        BenefitsAndEmployment ?? new BenefitsAndEmployment(null, null),
        PersonalHealthBudget ?? new PersonalHealthBudget(WireEnum.Name(HealthBudgetStatus.NotOffered), null, null),
        SafeguardingAndRisk ?? new SafeguardingAndRisk(null, []),
        Consent ?? new ConsentAndSharing(false, WireEnum.Name(GpSharing.CodesOnly), null),
        NamedClinicalContact,
        CareCoordinator);

    /// <summary>What the GP may receive: codes only unless the person chose to share the full plan.</summary>
    public GpSharing GpSharingPreference =>
        Consent?.GpSharing is { } sharing && WireEnum.TryParse<GpSharing>(sharing, out var chosen) ? chosen : Plans.GpSharing.CodesOnly;
}

public sealed record AboutMe(
    [property: Text(PlanSections.LongText), Description("What matters to the person, in their own words.")] [Display(Name = "what matters")] string? WhatMatters,
    [property: Text(PlanSections.LongText)] [Display(Name = "strengths")] string? Strengths,
    [property: Text(PlanSections.LongText), Description("How the person likes to communicate, and any support they need to.")] [Display(Name = "communication needs")] string? CommunicationNeeds);

public sealed record DomainNeed(
    [property: Required, Text(60), Description("The need's domain, as the referral's need categories name them (housing, social-isolation, ...).")] [Display(Name = "domain")] string? Domain,
    [property: Text(PlanSections.LongText)] [Display(Name = "description")] string? Description);

public enum CarersAssessment
{
    NotOffered,
    Offered,
    Referred,
    Declined,
    Completed,
}

public sealed record Carers(
    [property: Description("An unpaid carer has been identified.")] [Display(Name = "unpaid carer identified")] bool UnpaidCarerIdentified,
    [property: Text(200)] [Display(Name = "carer's name")] string? CarerName,
    [property: Text(100)] [Display(Name = "carer's relationship")] string? Relationship,
    [property: OneOf<CarersAssessment>, Description("The carer's assessment: not-offered, offered, referred, declined or completed.")] [Display(Name = "carer's assessment")] string? Assessment);

public sealed record BenefitsAndEmployment(
    [property: Text(PlanSections.LongText)] [Display(Name = "benefits")] string? Benefits,
    [property: Text(PlanSections.LongText)] [Display(Name = "employment support")] string? Employment);

public enum HealthBudgetStatus
{
    NotOffered,
    Offered,
    Agreed,
    Declined,
}

public sealed record PersonalHealthBudget(
    [property: OneOf<HealthBudgetStatus>] [Display(Name = "personal health budget status")] string? Status,
    [property: Range(typeof(decimal), "0", "1000000"), Description("Pounds a year, when agreed.")] [Display(Name = "personal health budget amount")] decimal? Amount,
    [Display(Name = "personal health budget review date")] DateOnly? ReviewOn) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status == WireEnum.Name(HealthBudgetStatus.Agreed) && Amount is null)
        {
            yield return new ValidationResult("An agreed personal health budget needs its amount.", [nameof(Amount)]);
        }
    }
}

public sealed record SafeguardingAndRisk(
    [property: Text(PlanSections.LongText)] [Display(Name = "safeguarding and risk notes")] string? Notes,
    [property: Items(20, MaximumLength = 100), Description("Risk flags (safeguarding-concern, lives-alone, frailty, ...).")] [Display(Name = "risk flags")] IReadOnlyList<string>? RiskFlags);

public enum GpSharing
{
    /// <summary>The GP record receives the SNOMED CT codes of the recorded activity, and no narrative.</summary>
    CodesOnly,

    /// <summary>The GP record receives the codes and the plan's narrative.</summary>
    FullPlan,
}

public sealed record ConsentAndSharing(
    [property: Description("The person consents to the plan being shared with the people named in it.")] [Display(Name = "consent to share")] bool ConsentToShare,
    [property: OneOf<GpSharing>, Description("What the GP copy carries: codes-only (default) or full-plan.")] [Display(Name = "GP sharing")] string? GpSharing,
    [property: Text(1000), Description("Who else the person is happy to see the plan (a carer, a family member, a service).")] [Display(Name = "who may see the plan")] string? WhoMaySee);

/// <summary>A person the plan names: the named clinical contact, the care coordinator.</summary>
public sealed record Contact(
    [property: Text(200), Description("Their CareMesh user id, when they have one.")] [Display(Name = "user id")] string? UserId,
    [property: Required, Text(200)] [Display(Name = "name")] string? Name,
    [property: Text(100)] [Display(Name = "role")] string? Role,
    [property: Text(200)] [Display(Name = "organisation")] string? Organisation,
    [property: UkPhone] [Display(Name = "phone")] string? Phone);
