using CareMesh.Contracts;

namespace CareMesh.Referrals;

/// <summary>
/// <c>Referrals</c>: what each PCN configures about its referral workflow. The lists are the PCN's
/// own vocabulary; requests are checked against them, so a new need or decline reason is a
/// configuration change, not a release.
/// </summary>
public sealed class ReferralsOptions
{
    public const string Section = "Referrals";

    /// <summary>Need categories a referral may name (wire names).</summary>
    public string[] Needs { get; set; } =
    [
        "social-isolation", "housing", "finance-and-benefits", "carer-support", "long-term-condition-self-management",
        "mental-wellbeing", "physical-activity", "employment", "food-poverty", "digital-inclusion", "bereavement", "substance-use",
    ];

    /// <summary>Reasons a referral may be declined for (wire names).</summary>
    public string[] DeclineReasons { get; set; } =
    [
        "outside-criteria", "not-registered-with-pcn", "needs-met-elsewhere", "person-declined", "unable-to-contact", "needs-specialist-service",
    ];

    /// <summary>An urgent referral counts this many times a routine one on a caseload.</summary>
    public double UrgentWeight { get; set; } = 2;

    /// <summary>A complex referral counts this many times a standard one (multiplied with the urgency weight).</summary>
    public double ComplexWeight { get; set; } = 1.5;

    /// <summary>A member's capacity when the team lead has set none, in weighted referrals.</summary>
    public double DefaultCapacity { get; set; } = 30;

    /// <summary>Failed contact attempts within <see cref="FailedContactWindow"/> that flag a referral for a decision.</summary>
    public int FailedContactLimit { get; set; } = 3;

    public TimeSpan FailedContactWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Working hours a clinician has to acknowledge an escalation before it is raised again.</summary>
    public TimeSpan EscalationAcknowledgeWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Days an onward referral may wait for an answer before it is flagged for chasing.</summary>
    public int OnwardReferralAnswerDays { get; set; } = 14;

    /// <summary>Statutory services an onward referral may go to outside the directory.</summary>
    public string[] StatutoryServices { get; set; } = ["adult-social-care", "healthy-lifestyles", "community-mental-health", "district-nursing", "falls-service"];

    /// <summary>SNOMED CT concepts sent to the referrer with each decision (accepted, declined, completed).</summary>
    public Dictionary<string, SnomedConcept[]> OutcomeCodes { get; set; } = new()
    {
        ["accepted"] = [new("871731000000106", "Referral to social prescribing service")],
        ["declined"] = [new("871711000000103", "Social prescribing declined")],
        // No default for completion: a PCN names the concept its GP systems expect.
        ["completed"] = [],
    };
}
