using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.Contracts;

namespace CareMesh.Referrals.Intake;

/// <summary>
/// The body of <c>POST /api/referrals</c>. Every field is nullable so that validation, not
/// deserialisation, reports each one that is missing; the attributes are the rules, checked before
/// the handler runs and shown in the OpenAPI document.
/// </summary>
public sealed record NewReferral(
    [property: Required] [Display(Name = "patient")] NewReferralPatient? Patient,
    [property: Required, Text(Referral.MaxReasonLength)] [Display(Name = "reason for referral")] string? Reason,
    [property: Required, OneOf<Urgency>] [Display(Name = "urgency")] string? Urgency,
    [property: Required, OneOf<ReferralSource>] [Display(Name = "source")] string? Source)
{
    /// <summary>The referral's content, once the attributes have passed.</summary>
    public ReferralDetails ToDetails() => new(
        NhsNumber.Normalise(Patient!.NhsNumber!),
        Patient.GivenName!,
        Patient.FamilyName!,
        Patient.DateOfBirth!.Value,
        Patient.PracticeOds!.ToUpperInvariant(),
        Reason!,
        WireEnum.Parse<Urgency>(Urgency!),
        WireEnum.Parse<ReferralSource>(Source!));
}

public sealed record NewReferralPatient(
    [property: Required, NhsNumber] [Display(Name = "NHS number")] string? NhsNumber,
    [property: Required, Text(Referral.MaxNameLength)] [Display(Name = "given name")] string? GivenName,
    [property: Required, Text(Referral.MaxNameLength)] [Display(Name = "family name")] string? FamilyName,
    [property: Required, NotInFuture, Description("yyyy-mm-dd")] [Display(Name = "date of birth")] DateOnly? DateOfBirth,
    [property: Required, OdsCode] [Display(Name = "registered practice's ODS code")] string? PracticeOds) : IValidatableObject
{
    private static readonly DateOnly Earliest = new(1880, 1, 1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DateOfBirth < Earliest)
        {
            yield return new ValidationResult("The date of birth must be a real date in the past.", [nameof(DateOfBirth)]);
        }
    }
}
