using System.ComponentModel;
using CareMesh.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CareMesh.Referrals.Settings;

/// <summary>
/// The PCN's referral settings (<see cref="ReferralsOptions"/>), as the requests are checked against them: the
/// workspace offers these lists rather than keeping copies of its own, so a need or decline reason added to the
/// configuration appears in every form at once. No patient data.
/// </summary>
public static class SettingsApi
{
    public static void MapSettingsApi(this RouteGroupBuilder referrals) =>
        referrals.MapGet("/settings", GetSettings).WithName(nameof(GetSettings))
            .WithSummary("The PCN's referral settings: needs, decline reasons, statutory services, rules and weights")
            .WithDescription("What this PCN has configured under Referrals: the need categories a referral may name, the reasons it may be declined for, " +
                             "the statutory services an onward referral may go to, the failed-contact rule, the escalation and onward-referral timers, " +
                             "the caseload weights and the SNOMED CT concepts sent to referrers. A value a request names must be on these lists.")
            .WithExamples(response: From(new ReferralsOptions()));

    public static Ok<ReferralSettings> GetSettings(IOptions<ReferralsOptions> options) => TypedResults.Ok(From(options.Value));

    private static ReferralSettings From(ReferralsOptions options) => new(
        options.Needs,
        options.DeclineReasons,
        options.StatutoryServices,
        new FailedContactRule(options.FailedContactLimit, (int)options.FailedContactWindow.TotalDays),
        options.EscalationAcknowledgeWithin.TotalHours,
        options.OnwardReferralAnswerDays,
        new CaseloadWeights(options.UrgentWeight, options.ComplexWeight, options.DefaultCapacity),
        options.OutcomeCodes);
}

public sealed record ReferralSettings(
    [property: Description("Need categories a referral may name (wire names), in the order forms offer them.")] IReadOnlyList<string> Needs,
    [property: Description("Reasons a referral may be declined for (wire names).")] IReadOnlyList<string> DeclineReasons,
    [property: Description("Statutory services an onward referral may go to outside the directory.")] IReadOnlyList<string> StatutoryServices,
    [property: Description("Failed contact attempts that flag a referral for a decision.")] FailedContactRule FailedContactRule,
    [property: Description("Working hours a clinician has to acknowledge an escalation before it is raised again.")] double EscalationAcknowledgeWithinWorkingHours,
    [property: Description("Days an onward referral may wait for an answer before it is flagged for chasing.")] int OnwardReferralAnswerDays,
    [property: Description("How referrals weigh on a caseload, and a member's capacity when none is set.")] CaseloadWeights CaseloadWeights,
    [property: Description("SNOMED CT concepts sent to the referrer with each decision: accepted, declined, completed.")] IReadOnlyDictionary<string, SnomedConcept[]> OutcomeCodes);

public sealed record FailedContactRule(
    [property: Description("Failed attempts that flag the referral.")] int Attempts,
    [property: Description("Within this many days.")] int WithinDays);

public sealed record CaseloadWeights(
    [property: Description("An urgent referral counts this many routine ones.")] double Urgent,
    [property: Description("A complex referral counts this many standard ones (multiplied with the urgency weight).")] double Complex,
    [property: Description("A member's capacity when the team lead has set none, in weighted referrals.")] double DefaultCapacity);
