using System.Text.RegularExpressions;
using CareMesh.Contracts;

namespace CareMesh.Referrals.Intake;

/// <summary>The body of <c>POST /api/referrals</c>. Every field is optional here so that validation, not
/// deserialisation, reports each one that is missing.</summary>
public sealed partial record NewReferral(NewReferralPatient? Patient, string? Reason, string? Urgency, string? Source)
{
    /// <summary>Checks every field and reports each fault; on success gives the normalised details.</summary>
    public ReferralDetails? Validate(DateOnly today, out Dictionary<string, string[]> errors)
    {
        var faults = new Dictionary<string, List<string>>();
        void Fault(string field, string message) =>
            (faults.TryGetValue(field, out var list) ? list : faults[field] = []).Add(message);

        var nhsNumber = Patient?.NhsNumber is { } raw ? NhsNumber.Normalise(raw) : null;
        if (Patient is null)
        {
            Fault("patient", "The patient is required.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(nhsNumber))
            {
                Fault("patient.nhsNumber", "The NHS number is required.");
            }
            else if (!NhsNumber.IsValid(nhsNumber))
            {
                Fault("patient.nhsNumber", "The NHS number must be 10 digits with a valid modulus-11 check digit.");
            }

            RequireText(Patient.GivenName, "patient.givenName", "The given name", Referral.MaxNameLength, Fault);
            RequireText(Patient.FamilyName, "patient.familyName", "The family name", Referral.MaxNameLength, Fault);

            if (Patient.DateOfBirth is not { } dateOfBirth)
            {
                Fault("patient.dateOfBirth", "The date of birth is required (yyyy-mm-dd).");
            }
            else if (dateOfBirth > today || dateOfBirth < new DateOnly(1880, 1, 1))
            {
                Fault("patient.dateOfBirth", "The date of birth must be a real date in the past.");
            }

            if (string.IsNullOrWhiteSpace(Patient.PracticeOds))
            {
                Fault("patient.practiceOds", "The registered practice's ODS code is required.");
            }
            else if (!OdsCode().IsMatch(Patient.PracticeOds.Trim()))
            {
                Fault("patient.practiceOds", "The ODS code must be 3 to 10 letters and digits, such as Y00001.");
            }
        }

        RequireText(Reason, "reason", "The reason for referral", Referral.MaxReasonLength, Fault);

        if (!WireEnum.TryParse<Urgency>(Urgency, out var urgency))
        {
            Fault("urgency", $"The urgency must be one of: {string.Join(", ", WireEnum.Names<Urgency>())}.");
        }

        if (!WireEnum.TryParse<ReferralSource>(Source, out var source))
        {
            Fault("source", $"The source must be one of: {string.Join(", ", WireEnum.Names<ReferralSource>())}.");
        }

        errors = faults.ToDictionary(f => f.Key, f => f.Value.ToArray());
        if (errors.Count > 0)
        {
            return null;
        }

        return new ReferralDetails(
            nhsNumber!,
            Patient!.GivenName!.Trim(),
            Patient.FamilyName!.Trim(),
            Patient.DateOfBirth!.Value,
            Patient.PracticeOds!.Trim().ToUpperInvariant(),
            Reason!.Trim(),
            urgency,
            source);
    }

    [GeneratedRegex("^[A-Za-z0-9]{3,10}$")]
    private static partial Regex OdsCode();

    private static void RequireText(string? value, string field, string label, int maxLength, Action<string, string> fault)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fault(field, $"{label} is required.");
        }
        else if (value.Trim().Length > maxLength)
        {
            fault(field, $"{label} must be at most {maxLength} characters.");
        }
    }
}

public sealed record NewReferralPatient(
    string? NhsNumber,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? PracticeOds);
