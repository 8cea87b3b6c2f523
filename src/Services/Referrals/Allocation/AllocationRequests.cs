using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.Referrals.Intake;
using Microsoft.Extensions.Options;

namespace CareMesh.Referrals.Allocation;

/// <summary>The roles in a PCN team a referral can be allocated to.</summary>
public enum TeamRole
{
    CareCoordinator,
    CareNavigator,
    WellbeingCareCoordinator,
    MentalHealthCareCoordinator,
    LinkWorker,
    HealthCoach,
}

/// <summary>Triage: what the person needs and who in the team should support them.</summary>
public sealed record TriageRequest(
    [property: Required, OneOf<TeamRole>] [Display(Name = "role")] string? Role,
    [property: Required, OneOf<Complexity>] [Display(Name = "complexity")] string? Complexity,
    [property: OneOf<Urgency>, Description("Changes the referrer's urgency when triage sees it otherwise.")] [Display(Name = "urgency")] string? Urgency = null,
    [property: Items(20, MaximumLength = 100), Description("Replaces the needs, from the configured list.")] [Display(Name = "needs")] IReadOnlyList<string>? Needs = null,
    [property: Items(7), OneOf<RiskFlag>, Description("Replaces the risk flags.")] [Display(Name = "risk flags")] IReadOnlyList<string>? RiskFlags = null,
    [property: Description("The clinician escalations go to.")] ClinicianRequest? NamedClinician = null,
    [property: Text(Referral.MaxTextLength)] [Display(Name = "reason")] string? Reason = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var known = (validationContext.GetService(typeof(IOptions<ReferralsOptions>)) as IOptions<ReferralsOptions>)?.Value.Needs ?? new ReferralsOptions().Needs;
        foreach (var (need, index) in (Needs ?? []).Select((n, i) => (n, i)))
        {
            if (need is not null && !known.Contains(need, StringComparer.Ordinal))
            {
                yield return new ValidationResult($"The need must be one of: {string.Join(", ", known)}.", [$"{nameof(Needs)}[{index}]"]);
            }
        }
    }
}

public sealed record ClinicianRequest(
    [property: Required, Text(200)] [Display(Name = "clinician's user id")] string? UserId,
    [property: Required, Text(200)] [Display(Name = "clinician's name")] string? Name);

/// <summary>Allocate (or reallocate, with a reason) to a member of the team.</summary>
public sealed record AllocationRequest(
    [property: Required, Text(200), Description("A member of the team (GET /api/referrals/team).")] [Display(Name = "member's user id")] string? UserId,
    [property: Text(Referral.MaxTextLength), Description("Required when the referral is already allocated.")] [Display(Name = "reason")] string? Reason = null);

/// <summary>A team lead's settings for a member: role, capacity, aligned practices.</summary>
public sealed record TeamMemberRequest(
    [property: Required, Text(200)] [Display(Name = "name")] string? Name,
    [property: Required, OneOf<TeamRole>] [Display(Name = "role")] string? Role,
    [property: Required, Range(0, 500), Description("How many weighted referrals the member can carry (urgent and complex ones count more).")] [Display(Name = "capacity")] double? Capacity,
    [property: Items(20, MaximumLength = 10), Description("ODS codes of the practices the member is aligned to; empty for all of the PCN's.")] [Display(Name = "aligned practices")] IReadOnlyList<string>? AlignedPractices = null,
    [Display(Name = "active")] bool? Active = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var ods = new OdsCodeAttribute();
        foreach (var (practice, index) in (AlignedPractices ?? []).Select((p, i) => (p, i)))
        {
            if (!ods.IsValid(practice))
            {
                yield return new ValidationResult("The aligned practice must be an ODS code: 3 to 10 letters and digits, such as Y00001.", [$"{nameof(AlignedPractices)}[{index}]"]);
            }
        }
    }
}

public sealed record TeamMemberResponse(string UserId, string Name, TeamRole Role, double Capacity, IReadOnlyList<string> AlignedPractices, bool Active, int Version)
{
    public static TeamMemberResponse From(TeamMember m) => new(m.UserId, m.Name, WireEnum.Parse<TeamRole>(m.Role), m.Capacity, m.AlignedPractices, m.Active, m.Version);
}

/// <summary>A member CareMesh suggests for a referral, and why.</summary>
/// <param name="Load">The member's open referrals, weighted by urgency and complexity.</param>
public sealed record AllocationSuggestion(string UserId, string Name, TeamRole Role, double Load, double Capacity, double LoadAfter, bool CoversPractice, string Why);
