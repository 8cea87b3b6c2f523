using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CareMesh.Contracts;
using Microsoft.Extensions.Options;

namespace CareMesh.Referrals.Intake;

/// <summary>
/// The body of <c>POST /api/referrals</c>. Every field is nullable so that validation, not
/// deserialisation, reports each one that is missing; the attributes are the rules, checked before
/// the handler runs and shown in the OpenAPI document. The first flow's five fields are all that is
/// required; the rest is what a full referral carries.
/// </summary>
public sealed record NewReferral(
    [property: Required] [Display(Name = "patient")] NewReferralPatient? Patient,
    [property: Required, Text(Referral.MaxReasonLength)] [Display(Name = "reason for referral")] string? Reason,
    [property: Required, OneOf<Urgency>] [Display(Name = "urgency")] string? Urgency,
    [property: Required, OneOf<ReferralSource>] [Display(Name = "source")] string? Source,
    [property: Description("Who referred. Optional, as in the first flow; for a self-referral leave it out: the member of staff recording it is kept.")] NewReferrer? Referrer = null,
    [property: Text(Referral.MaxTextLength)] [Display(Name = "what matters to the person")] string? WhatMatters = null,
    [property: Items(20, MaximumLength = 100), Description("Need categories from the PCN's configured list (Referrals:Needs).")] [Display(Name = "needs")] IReadOnlyList<string>? Needs = null,
    [property: Items(7), OneOf<RiskFlag>] [Display(Name = "risk flags")] IReadOnlyList<string>? RiskFlags = null,
    [property: Description("Absent means no consent to share recorded: nothing goes to partners.")] NewConsent? Consent = null,
    [property: Description("The person's unpaid carer, if they have one.")] NewCarer? Carer = null) : IValidatableObject
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

    /// <summary>The referral's content, once the attributes have passed.</summary>
    public ReferralDetails ToDetails() => new(
        NhsNumber.Normalise(Patient!.NhsNumber!),
        Patient.GivenName!,
        Patient.FamilyName!,
        Patient.DateOfBirth!.Value,
        Patient.PracticeOds!.ToUpperInvariant(),
        Reason!,
        WireEnum.Parse<Urgency>(Urgency!),
        WireEnum.Parse<ReferralSource>(Source!),
        new PatientContact(Patient.AddressLine1, Patient.AddressLine2, Patient.Town, Patient.Postcode?.ToUpperInvariant(), Patient.Phone, Patient.Email,
            Patient.PreferredContactMethod is { } method ? WireEnum.Parse<ContactMethod>(method) : null, Patient.PreferredContactTimes,
            Patient.InterpreterLanguage, Patient.AccessibilityNeeds, Patient.IsUnpaidCarer ?? false),
        Referrer is { } r ? new Referrer(r.Name!, r.Role, r.Organisation, r.OdsCode?.ToUpperInvariant(), r.Phone, r.Email) : null,
        WhatMatters,
        [.. (Needs ?? []).Distinct()],
        [.. (RiskFlags ?? []).Select(f => WireEnum.Name(WireEnum.Parse<RiskFlag>(f))).Distinct()],
        Consent is { ToShare: true } c
            ? new Consent(true, [.. (c.With ?? []).Select(WireEnum.Parse<SharingParty>).Distinct()], c.RecordedOn)
            : new Consent(false, [], Consent?.RecordedOn),
        Carer is { } carer ? new Carer(carer.Name!, carer.Relationship, carer.Phone, carer.Email, carer.MayBeContacted ?? false) : null);
}

public sealed record NewReferralPatient(
    [property: Required, NhsNumber] [Display(Name = "NHS number")] string? NhsNumber,
    [property: Required, Text(Referral.MaxNameLength)] [Display(Name = "given name")] string? GivenName,
    [property: Required, Text(Referral.MaxNameLength)] [Display(Name = "family name")] string? FamilyName,
    [property: Required, NotInFuture, Description("yyyy-mm-dd")] [Display(Name = "date of birth")] DateOnly? DateOfBirth,
    [property: Required, OdsCode] [Display(Name = "registered practice's ODS code")] string? PracticeOds,
    [property: Text(200)] [Display(Name = "first address line")] string? AddressLine1 = null,
    [property: Text(200)] [Display(Name = "second address line")] string? AddressLine2 = null,
    [property: Text(100)] [Display(Name = "town")] string? Town = null,
    [property: UkPostcode] [Display(Name = "postcode")] string? Postcode = null,
    [property: UkPhone] [Display(Name = "phone number")] string? Phone = null,
    [property: Email] [Display(Name = "email address")] string? Email = null,
    [property: OneOf<ContactMethod>] [Display(Name = "preferred contact method")] string? PreferredContactMethod = null,
    [property: Text(200), Description("When the person prefers to be contacted, in their words: \"weekday mornings\".")] [Display(Name = "preferred contact times")] string? PreferredContactTimes = null,
    [property: Text(100), Description("The language an interpreter is needed for; absent when none is.")] [Display(Name = "interpreter language")] string? InterpreterLanguage = null,
    [property: Text(500)] [Display(Name = "accessibility needs")] string? AccessibilityNeeds = null,
    [property: Description("The person is themself an unpaid carer for someone.")] bool? IsUnpaidCarer = null) : IValidatableObject
{
    private static readonly DateOnly Earliest = new(1880, 1, 1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DateOfBirth < Earliest)
        {
            yield return new ValidationResult("The date of birth must be a real date in the past.", [nameof(DateOfBirth)]);
        }

        if (PreferredContactMethod == "email" && Email is null || PreferredContactMethod is "phone" or "text" && Phone is null)
        {
            yield return new ValidationResult($"The preferred contact method {PreferredContactMethod} needs its contact detail.", [nameof(PreferredContactMethod)]);
        }
    }
}

public sealed record NewReferrer(
    [property: Required, Text(200)] [Display(Name = "referrer's name")] string? Name,
    [property: Text(100), Description("gp, practice nurse, social worker, ...")] [Display(Name = "referrer's role")] string? Role = null,
    [property: Text(200)] [Display(Name = "referrer's organisation")] string? Organisation = null,
    [property: OdsCode] [Display(Name = "referrer's ODS code")] string? OdsCode = null,
    [property: UkPhone] [Display(Name = "referrer's phone number")] string? Phone = null,
    [property: Email] [Display(Name = "referrer's email address")] string? Email = null);

public sealed record NewConsent(
    [property: Required] [Display(Name = "consent to share")] bool? ToShare,
    [property: Items(5), OneOf<SharingParty>] [Display(Name = "who it may be shared with")] IReadOnlyList<string>? With = null,
    [property: NotInFuture] [Display(Name = "date consent was recorded")] DateOnly? RecordedOn = null);

public sealed record NewCarer(
    [property: Required, Text(200)] [Display(Name = "carer's name")] string? Name,
    [property: Text(100)] [Display(Name = "carer's relationship")] string? Relationship = null,
    [property: UkPhone] [Display(Name = "carer's phone number")] string? Phone = null,
    [property: Email] [Display(Name = "carer's email address")] string? Email = null,
    [Display(Name = "carer may be contacted")] bool? MayBeContacted = null);
