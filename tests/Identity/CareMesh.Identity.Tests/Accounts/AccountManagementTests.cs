using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.SecurityEvents;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace CareMesh.Identity.Tests.Accounts;

public sealed class AccountManagementTests(PartnerFactory factory) : IClassFixture<PartnerFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewEmail() => $"alex.{Guid.NewGuid():N}@partner.example";

    /// <summary>A full sign-in of the partner (password and code) through the workspace's flow; its tokens.</summary>
    private async Task<OAuth.TokenAnswer> SignInAsync(string email, byte[] key)
    {
        using var browser = factory.CreateBrowser();
        var pkce = OAuth.Pkce.Create();
        var authorize = OAuth.AuthorizeUrl(pkce, "state-1", "nonce-1");
        using var toSignIn = await browser.GetAsync(authorize);
        using var signInPage = await browser.FollowAsync(toSignIn);
        using var password = await PartnerFactory.SubmitPasswordAsync(browser, signInPage, email, PartnerFactory.Password);
        using var codePage = await browser.FollowAsync(password);
        using var signedIn = await PartnerFactory.CodeAsync(browser, codePage, factory.CodeNow(key));
        var returned = await OAuth.ReturnToClientAsync(await browser.FollowAsync(signedIn));
        return (await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), returned["code"], pkce.Verifier)).Succeeded();
    }

    [Fact]
    public async Task Disabling_an_account_refuses_its_refresh_token_at_once_and_its_password_signs_in_no_more()
    {
        var email = NewEmail();
        var (accountId, key) = await factory.EnrolledPartnerAsync(email);
        var tokens = await SignInAsync(email, key);
        var before = await factory.LastSecurityEventIdAsync();
        using var teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead, PartnerFactory.Practice);

        using var disabled = await teamLead.PostAsync($"{AccountsApi.Path}/{accountId}/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        var refresh = await OAuth.RefreshAsync(factory.CreateBackChannel(), tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);
        // Revoked in the store, not only refused by the account check.
        Assert.True(await factory.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Subject == accountId).AllAsync(t => t.Status == OpenIddictConstants.Statuses.Revoked)));
        using var browser = factory.CreateBrowser();
        using var password = await PartnerFactory.PasswordAsync(browser, email);
        Assert.Equal(HttpStatusCode.Forbidden, password.StatusCode);

        var events = await factory.SecurityEventsAfterAsync(before);
        var disabledEvent = Assert.Single(events, e => e.Kind == SecurityEventKinds.AccountDisabled);
        Assert.Equal(accountId, disabledEvent.AccountId);
        Assert.Equal($"user-{CareMeshRoles.TeamLead}", disabledEvent.ActorId);
        Assert.Single(events, e => e.Kind == SecurityEventKinds.SignInFailed && e.AccountId == accountId && e.Detail == "account disabled");
        Assert.All(events, e => Assert.DoesNotContain(tokens.RefreshToken, e.Detail ?? ""));
    }

    [Fact]
    public async Task An_enabled_account_signs_in_again_and_a_lockout_is_ended()
    {
        var email = NewEmail();
        var (accountId, key) = await factory.EnrolledPartnerAsync(email);
        using var admin = factory.CreateClientAs(CareMeshRoles.Admin, "Y99999");
        using (var disabled = await admin.PostAsync($"{AccountsApi.Path}/{accountId}/disable", null))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        using var enabled = await admin.PostAsync($"{AccountsApi.Path}/{accountId}/enable", null);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(accountId, (await SignInAsync(email, key)).Access.Subject);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("reset-authenticator")]
    public async Task A_team_lead_of_another_organisation_does_not_find_the_account_and_changes_nothing(string action)
    {
        var (accountId, _) = await factory.EnrolledPartnerAsync(NewEmail());
        using var otherTeamLead = factory.CreateClientAs(CareMeshRoles.TeamLead, "Y00002");

        using var refused = await otherTeamLead.PostAsync($"{AccountsApi.Path}/{accountId}/{action}", null);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var account = await factory.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == accountId));
        Assert.Null(account.DisabledAt);
        Assert.True(account.TwoFactorEnabled);
    }

    [Fact]
    public async Task A_team_lead_manages_no_staff_account_and_a_partner_none_at_all()
    {
        using var teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead, DevelopmentAccounts.Practice);
        using var partner = factory.CreateClientAs(CareMeshRoles.VcsPartner, PartnerFactory.PartnerOrganisation);

        using var staff = await teamLead.PostAsync($"{AccountsApi.Path}/dev-clinician/disable", null);
        using var byPartner = await partner.PostAsync($"{AccountsApi.Path}/dev-clinician/disable", null);

        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
        Assert.Null((await factory.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == "dev-clinician"))).DisabledAt);
    }

    [Fact]
    public async Task Resetting_the_authenticator_refuses_the_old_one_and_the_next_sign_in_enrols_a_new_one()
    {
        var email = NewEmail();
        var (accountId, oldKey) = await factory.EnrolledPartnerAsync(email);
        var tokens = await SignInAsync(email, oldKey);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var before = await factory.LastSecurityEventIdAsync();
        using var teamLead = factory.CreateClientAs(CareMeshRoles.TeamLead, PartnerFactory.Practice);

        using var reset = await teamLead.PostAsync($"{AccountsApi.Path}/{accountId}/reset-authenticator", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(factory.CreateBackChannel(), tokens.RefreshToken)).Error);
        using var browser = factory.CreateBrowser();
        using var password = await PartnerFactory.PasswordAsync(browser, email);
        Assert.Equal(PartnerSignIn.EnrolmentPath + "?returnUrl=", password.Headers.Location!.OriginalString);
        using var enrolmentPage = await browser.FollowAsync(password);
        var enrolment = await BrowserSession.PageAsync(enrolmentPage);
        var newKey = PartnerFactory.KeyOn(enrolment);
        Assert.NotEqual(oldKey, newKey);
        using var withOld = await browser.SubmitAsync(enrolment.Forms.Single(), new Dictionary<string, string> { ["code"] = factory.CodeNow(oldKey) });
        Assert.Equal(HttpStatusCode.BadRequest, withOld.StatusCode);
        using var withNew = await browser.SubmitAsync((await BrowserSession.PageAsync(withOld)).Forms.Single(), new Dictionary<string, string> { ["code"] = factory.CodeNow(newKey) });
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);

        var events = await factory.SecurityEventsAfterAsync(before);
        Assert.Equal($"user-{CareMeshRoles.TeamLead}", Assert.Single(events, e => e.Kind == SecurityEventKinds.AuthenticatorReset).ActorId);
        Assert.Single(events, e => e.Kind == SecurityEventKinds.AuthenticatorEnrolled && e.AccountId == accountId);
    }

    [Fact]
    public async Task An_unknown_account_is_not_found()
    {
        using var admin = factory.CreateClientAs(CareMeshRoles.Admin);

        using var missing = await admin.PostAsync($"{AccountsApi.Path}/{Guid.NewGuid()}/disable", null);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
