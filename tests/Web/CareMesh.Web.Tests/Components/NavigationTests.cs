using System.Security.Claims;
using CareMesh.Web.Components.Layout;
using Microsoft.Extensions.Hosting;

namespace CareMesh.Web.Tests.Components;

public class NavigationTests
{
    private static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity([new Claim("sub", $"dev-{role}"), new Claim(CareMeshUser.RoleClaimType, role)], "test"));

    [Theory]
    [InlineData(CareMeshRoles.CareCoordinator, "/caseload")]
    [InlineData(CareMeshRoles.TeamLead, "/caseload")]
    [InlineData(CareMeshRoles.Clinician, "/escalations")]
    [InlineData(CareMeshRoles.VcsPartner, "/partner/referrals")]
    [InlineData(CareMeshRoles.Ops, "/account/no-access")]
    public void Each_role_starts_where_its_work_is(string role, string home) =>
        Assert.Equal(home, Navigation.HomeOf(As(role)));

    [Fact]
    public void A_clinician_and_a_partner_are_offered_their_own_pages()
    {
        Assert.Equal(["/escalations", "/directory", "/meetings", "/actions"], Navigation.For(As(CareMeshRoles.Clinician)).Select(n => n.Href));
        Assert.Equal(["/partner/referrals", "/partner/services"], Navigation.For(As(CareMeshRoles.VcsPartner)).Select(n => n.Href));
    }

    [Theory]
    [InlineData(CareMeshRoles.CareCoordinator)]
    [InlineData(CareMeshRoles.TeamLead)]
    [InlineData(CareMeshRoles.Clinician)]
    public void Staff_find_services_in_the_directory(string role) =>
        Assert.Contains(("/directory", "Find a service"), Navigation.For(As(role)));

    [Theory]
    [InlineData(CareMeshRoles.CareCoordinator)]
    [InlineData(CareMeshRoles.TeamLead)]
    [InlineData(CareMeshRoles.Clinician)]
    public void Staff_are_offered_the_mdt_meetings_and_their_actions(string role) =>
        Assert.Equal(["/meetings", "/actions"], Navigation.For(As(role)).Select(n => n.Href).TakeLast(2));

    [Fact]
    public void A_partner_and_operations_are_offered_no_mdt_pages()
    {
        Assert.DoesNotContain(Navigation.For(As(CareMeshRoles.VcsPartner)), n => n.Href == "/meetings");
        Assert.Empty(Navigation.For(As(CareMeshRoles.Ops)));
    }

    [Theory]
    [InlineData(CareMeshRoles.CareCoordinator, "/caseload", "Back to my caseload")]
    [InlineData(CareMeshRoles.Clinician, "/escalations", "Back to escalations to me")]
    [InlineData(CareMeshRoles.Ops, "/", "Back")]
    public void A_page_reached_from_home_leads_back_to_it(string role, string href, string text) =>
        Assert.Equal((href, text), Navigation.BackHome(As(role)));
}
