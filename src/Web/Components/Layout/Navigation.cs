using System.Security.Claims;

namespace CareMesh.Web.Components.Layout;

/// <summary>The header's menu: the pages each role's work starts from.</summary>
public static class Navigation
{
    /// <summary>Every member of staff takes part in MDT meetings and may own their actions (the Meetings service's staff policy).</summary>
    private static readonly (string Href, string Text)[] Mdt = [("/meetings", "MDT meetings"), ("/actions", "My actions")];

    public static IReadOnlyList<(string Href, string Text)> For(ClaimsPrincipal user) => user.Role() switch
    {
        CareMeshRoles.CareCoordinator or CareMeshRoles.LinkWorker or CareMeshRoles.HealthCoach =>
            [("/caseload", "My caseload"), ("/referrals/new", "New referral"), ("/directory", "Find a service"), .. Mdt],
        CareMeshRoles.TeamLead or CareMeshRoles.Admin =>
            [("/caseload", "My caseload"), ("/referrals/new", "New referral"), ("/directory", "Find a service"), ("/team", "The team"), .. Mdt],
        CareMeshRoles.Clinician => [("/escalations", "Escalations to me"), ("/directory", "Find a service"), .. Mdt],
        CareMeshRoles.VcsPartner => [("/partner/referrals", "Referrals to us"), ("/partner/services", "Our services")],
        _ => [],
    };

    /// <summary>Where a role's day starts, for the home page.</summary>
    public static string HomeOf(ClaimsPrincipal user) => For(user).FirstOrDefault().Href ?? "/account/no-access";

    /// <summary>The back link of a page reached from a role's home: "Back to my caseload", "Back to escalations to me".</summary>
    public static (string Href, string Text) BackHome(ClaimsPrincipal user) =>
        For(user).FirstOrDefault() is ({ } href, { Length: > 0 } text) ? (href, $"Back to {char.ToLowerInvariant(text[0])}{text[1..]}") : ("/", "Back");
}
