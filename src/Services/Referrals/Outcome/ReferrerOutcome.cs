using System.Globalization;
using CareMesh.Contracts;
using CareMesh.Contracts.Referrals;
using CareMesh.Documents;
using CareMesh.Referrals.Intake;
using CareMesh.Referrals.Workflow;

namespace CareMesh.Referrals.Outcome;

/// <summary>
/// The loop closed with the referrer: what was decided (accepted, declined, completed), by whom,
/// and what happens next, as an event for a GP-system connector (with the configured SNOMED CT
/// codes) and as a letter. Both are made from the referral as it stands, so they say the same.
/// </summary>
public static class ReferrerOutcome
{
    /// <summary>The decision the referrer has been told of, or null while there is none yet.</summary>
    public static string? Decision(Referral referral) => referral.Status switch
    {
        ReferralStatus.Accepted or ReferralStatus.InProgress or ReferralStatus.OnHold => "accepted",
        ReferralStatus.Declined => "declined",
        ReferralStatus.Completed => "completed",
        _ => null,
    };

    public static string Summary(Referral referral) => Decision(referral) switch
    {
        "accepted" => $"The PCN care coordination team accepted the referral. {referral.GivenName} {referral.FamilyName} is supported by "
                      + $"{referral.AllocatedToName ?? "the team"}{(referral.AllocatedRole is { } role ? $" ({role.Replace('-', ' ')})" : "")}.",
        "declined" => $"The PCN care coordination team declined the referral ({referral.DeclineReasonCode?.Replace('-', ' ')})"
                      + (referral.DeclineReasonText is { } text ? $": {text}" : "."),
        "completed" => $"The team's support for {referral.GivenName} {referral.FamilyName} is complete. Outcome: {referral.Outcome}",
        _ => "No decision has been made yet.",
    };

    public static ReferralOutcomeForReferrer Event(Referral referral, IReadOnlyDictionary<string, SnomedConcept[]> codes)
    {
        var decision = Decision(referral)!;
        return new ReferralOutcomeForReferrer(referral.Id, referral.NhsNumber, referral.PracticeOds, referral.Referrer?.Name, referral.Referrer?.Organisation,
            decision, Summary(referral), referral.NextSteps, referral.DecidedByName!, codes.TryGetValue(decision, out var concepts) ? concepts : [],
            referral.DecidedAt!.Value);
    }

    public static Document Letter(Referral referral, IReadOnlyDictionary<string, SnomedConcept[]> codes)
    {
        var decision = Decision(referral)!;
        var blocks = new List<Block>
        {
            new SummaryList(
            [
                new SummaryRow("Patient", $"{referral.GivenName} {referral.FamilyName}"),
                new SummaryRow("NHS number", FormatNhsNumber(referral.NhsNumber)),
                new SummaryRow("Date of birth", referral.DateOfBirth.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))),
                new SummaryRow("Registered practice", referral.PracticeOds),
                new SummaryRow("Referred on", UkTime.ToUk(referral.ReceivedAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))),
                new SummaryRow("Reason for referral", referral.Reason),
            ]),
            new Heading("Decision"),
            new Paragraph(Summary(referral)),
            new SummaryList(
            [
                new SummaryRow("Decision", decision),
                new SummaryRow("Decided by", referral.DecidedByName!),
                new SummaryRow("Decided on", UkTime.ToUk(referral.DecidedAt!.Value).ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"))),
            ]),
        };
        if (referral.NextSteps is { } next)
        {
            blocks.Add(new Heading("Next steps"));
            blocks.Add(new Paragraph(next));
        }

        if (codes.TryGetValue(decision, out var concepts) && concepts.Length > 0)
        {
            blocks.Add(new Heading("Codes for the GP record"));
            blocks.Add(new Table("SNOMED CT", ["Code", "Term"], [.. concepts.Select(c => (IReadOnlyList<string>)[c.Code, c.Display])]));
        }

        return new Document($"Referral outcome: {referral.GivenName} {referral.FamilyName}", blocks)
        {
            Subtitle = [$"To {referral.Referrer?.Name ?? "the referrer"}{(referral.Referrer?.Organisation is { } org ? $", {org}" : "")}", "From the PCN care coordination team"],
            Footer = "Confidential: contains personal information",
        };
    }

    private static string FormatNhsNumber(string n) => $"{n[..3]} {n[3..6]} {n[6..]}";
}
