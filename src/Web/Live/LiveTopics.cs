using System.Security.Claims;
using CareMesh.Contracts.CarePlans;
using CareMesh.Contracts.Referrals;

namespace CareMesh.Web.Live;

/// <summary>
/// What a page is about, and what an event changes, as topics ("referral:{id}", "caseload:{user id}"): a page
/// listens to its topics, an event is told to its topics. Only ids travel, never a name or an NHS number, and a
/// user can only listen to topics of their own (their caseload, their escalations, their organisation's onward
/// referrals) or to a referral by its id, which the page got from a service that let them see it.
/// </summary>
public static class LiveTopics
{
    public static string Referral(Guid id) => $"referral:{id}";

    public static string CarePlan(Guid id) => $"care-plan:{id}";

    public static string Caseload(string userId) => $"caseload:{userId}";

    public static string Escalations(string userId) => $"escalations:{userId}";

    public static string Organisation(Guid organisationId) => $"organisation:{organisationId}";

    /// <summary>The topics the page at <paramref name="path"/> shows to <paramref name="user"/>; none for a page that does not update live.</summary>
    public static IReadOnlyList<string> ForPage(string path, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        if (userId is null)
        {
            return [];
        }

        var segments = path.Trim('/').Split('/');
        return segments switch
        {
            ["caseload"] => [Caseload(userId)],
            ["referrals", var id] when Guid.TryParse(id, out var referral) => [Referral(referral)],
            ["care-plans", var id] when Guid.TryParse(id, out var plan) => [CarePlan(plan)],
            ["escalations"] => [Escalations(userId)],
            ["partner", "referrals"] when Guid.TryParse(user.Organisation(), out var organisation) => [Organisation(organisation)],
            _ => [],
        };
    }

    /// <summary>The topics an event changes, and what to tell the user about it.</summary>
    public static (IReadOnlyList<string> Topics, string What) ForEvent(object message) => message switch
    {
        ReferralAllocated m => ([Referral(m.ReferralId), Caseload(m.AllocatedToUserId)], "The referral was allocated."),
        ReferralAccepted m => ([Referral(m.ReferralId), .. m.CareCoordinator is { } c ? [Caseload(c.UserId)] : Array.Empty<string>()], "The referral was accepted."),
        ReferralDeclined m => ([Referral(m.ReferralId)], "The referral was declined."),
        ReferralClosed m => ([Referral(m.ReferralId)], "The referral was closed."),
        OnwardReferralSent m => ([Referral(m.ReferralId), Organisation(m.OrganisationId)], "An onward referral was sent."),
        OnwardReferralAccepted m => (WithOrganisation(m.ReferralId, m.OrganisationId), "An onward referral was accepted."),
        OnwardReferralDeclined m => (WithOrganisation(m.ReferralId, m.OrganisationId), "An onward referral was declined."),
        OnwardReferralCompleted m => (WithOrganisation(m.ReferralId, m.OrganisationId), "An onward referral's outcome was reported."),
        EscalationRaised m => ([Referral(m.ReferralId), Escalations(m.Clinician.UserId)], "An escalation was raised."),
        EscalationAcknowledged m => ([Referral(m.ReferralId), Escalations(m.AcknowledgedByUserId)], "An escalation was acknowledged."),
        EscalationOverdue m => ([Referral(m.ReferralId), Escalations(m.Clinician.UserId)], "An escalation is overdue."),
        CarePlanDrafted m => (WithReferral(m.CarePlanId, m.ReferralId),
            m.Version == 1 ? "A care plan was opened." : $"Version {m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)} of the care plan was started."),
        CarePlanAgreed m => (WithReferral(m.CarePlanId, m.ReferralId), "The care plan was agreed."),
        CarePlanClosed m => (WithReferral(m.CarePlanId, m.ReferralId), "The care plan was closed."),
        _ => ([], ""),
    };

    /// <summary>A plan's page, and the page of the referral it came from (which links to it).</summary>
    private static string[] WithReferral(Guid planId, Guid? referralId) =>
        referralId is { } referral ? [CarePlan(planId), Referral(referral)] : [CarePlan(planId)];

    private static string[] WithOrganisation(Guid referralId, Guid? organisationId) =>
        organisationId is { } organisation ? [Referral(referralId), Organisation(organisation)] : [Referral(referralId)];
}
