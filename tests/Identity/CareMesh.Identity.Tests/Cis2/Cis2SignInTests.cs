using System.Net;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.Cis2;
using CareMesh.Identity.SecurityEvents;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Identity.Tests.Cis2;

public sealed class Cis2SignInTests(Cis2Factory factory) : IClassFixture<Cis2Factory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The workspace's authorize request, the sign-in page's CIS2 link, the round trip through the stand-in (a
    /// browser of its own there: another site), and back: the answer CareMesh's callback gives.
    /// </summary>
    private async Task<HttpResponseMessage> ThroughCis2Async(BrowserSession browser, string authorize)
    {
        using var toSignIn = await browser.GetAsync(authorize);
        using var signInPage = await browser.FollowAsync(toSignIn);
        var link = (await BrowserSession.PageAsync(signInPage)).QuerySelectorAll("a").Single(a => a.TextContent == "Sign in with NHS CIS2").GetAttribute("href")!;
        using var challenge = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var atCis2 = challenge.Headers.Location!;
        Assert.Equal(factory.Cis2.Issuer.Authority, atCis2.Authority);

        using var cis2Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var fromCis2 = await cis2Browser.GetAsync(atCis2);
        Assert.True(fromCis2.StatusCode == HttpStatusCode.Redirect, $"The stand-in answered {(int)fromCis2.StatusCode}: {await fromCis2.Content.ReadAsStringAsync()}");
        Assert.StartsWith("https://localhost/account/cis2/callback?", fromCis2.Headers.Location!.AbsoluteUri);
        return await browser.GetAsync(fromCis2.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_mapped_CIS2_role_signs_in_and_the_workspace_gets_a_CareMesh_token_with_that_role_and_organisation()
    {
        factory.Cis2.Next = new Cis2Person("cis2-555001", "Dr Nia Jones", Cis2Factory.ClinicianCode, "Y00001");
        var before = await factory.LastSecurityEventIdAsync();
        using var browser = factory.CreateSecureBrowser();
        var pkce = OAuth.Pkce.Create();

        using var back = await ThroughCis2Async(browser, OAuth.AuthorizeUrl(pkce, "state-9", "nonce-9"));

        Assert.True(back.StatusCode == HttpStatusCode.Redirect, $"The callback answered {(int)back.StatusCode}: {await back.Content.ReadAsStringAsync()}");
        Assert.StartsWith("/connect/authorize?", back.Headers.Location!.OriginalString);
        var returned = await OAuth.ReturnToClientAsync(await browser.FollowAsync(back));
        Assert.Equal("state-9", returned["state"]);
        var access = (await OAuth.RedeemCodeAsync(factory.CreateSecureBackChannel(), returned["code"], pkce.Verifier)).Succeeded().Access;
        Assert.Equal(CareMeshRoles.Clinician, access.GetClaim("selected_roleid").Value);
        Assert.Equal("Y00001", access.GetClaim("org").Value);
        Assert.Equal("Dr Nia Jones", access.GetClaim("name").Value);

        var account = await factory.InDatabaseAsync(db => db.Users.SingleAsync(u => u.Id == access.Subject));
        Assert.Null(account.PasswordHash);
        Assert.Null(account.Email);
        var signedIn = Assert.Single(await factory.SecurityEventsAfterAsync(before), e => e.Kind == SecurityEventKinds.SignedIn);
        Assert.Equal(account.Id, signedIn.AccountId);
        Assert.Contains(Cis2Factory.ClinicianCode, signedIn.Detail);
    }

    [Fact]
    public async Task The_same_person_choosing_another_role_at_CIS2_signs_in_to_the_same_account_with_the_new_role()
    {
        using (var first = factory.CreateSecureBrowser())
        {
            factory.Cis2.Next = new Cis2Person("cis2-555002", "Ola Link", Cis2Factory.ClinicianCode, "Y00001");
            Assert.Equal(HttpStatusCode.Redirect, (await ThroughCis2Async(first, OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"))).StatusCode);
        }

        factory.Cis2.Next = new Cis2Person("cis2-555002", "Ola Link", Cis2Factory.LinkWorkerCode, "Y00002");
        using var browser = factory.CreateSecureBrowser();
        var pkce = OAuth.Pkce.Create();
        using var back = await ThroughCis2Async(browser, OAuth.AuthorizeUrl(pkce, "s2", "n2"));
        var returned = await OAuth.ReturnToClientAsync(await browser.FollowAsync(back));
        var access = (await OAuth.RedeemCodeAsync(factory.CreateSecureBackChannel(), returned["code"], pkce.Verifier)).Succeeded().Access;

        Assert.Equal(CareMeshRoles.LinkWorker, access.GetClaim("selected_roleid").Value);
        Assert.Equal("Y00002", access.GetClaim("org").Value);
        Assert.Equal(1, await factory.InDatabaseAsync(db => db.UserLogins.CountAsync(l => l.LoginProvider == Cis2SignIn.ProviderName && l.ProviderKey == "cis2-555002")));
    }

    [Fact]
    public async Task The_selected_role_is_read_from_CIS2s_list_of_roles_with_its_organisation()
    {
        factory.Cis2.Next = new Cis2Person("cis2-555003", "Sam Roles", "555003-role-2", null, """
            [{"person_roleid":"555003-role-1","role_code":"S8000:G8000:R8001","org_code":"Y00009"},
             {"person_roleid":"555003-role-2","role_code":"S8000:G8000:R8000","org_code":"Y00003"}]
            """);
        using var browser = factory.CreateSecureBrowser();
        var pkce = OAuth.Pkce.Create();

        using var back = await ThroughCis2Async(browser, OAuth.AuthorizeUrl(pkce, "s", "n"));
        var returned = await OAuth.ReturnToClientAsync(await browser.FollowAsync(back));
        var access = (await OAuth.RedeemCodeAsync(factory.CreateSecureBackChannel(), returned["code"], pkce.Verifier)).Succeeded().Access;

        Assert.Equal(CareMeshRoles.Clinician, access.GetClaim("selected_roleid").Value);
        Assert.Equal("Y00003", access.GetClaim("org").Value);
    }

    [Fact]
    public async Task An_unmapped_CIS2_role_is_refused_with_a_page_that_says_why_and_no_account_is_made()
    {
        factory.Cis2.Next = new Cis2Person("cis2-555004", "Kit Reception", "R8013", "Y00001");
        var before = await factory.LastSecurityEventIdAsync();
        using var browser = factory.CreateSecureBrowser();
        var authorize = OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n");

        using var refused = await ThroughCis2Async(browser, authorize);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = await BrowserSession.PageAsync(refused);
        Assert.Contains("No CareMesh role", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("R8013", page.Body!.TextContent);
        Assert.Contains("not mapped it onto a CareMesh role", page.Body!.TextContent);
        Assert.False(await factory.InDatabaseAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == "cis2-555004")));
        // Not signed in: the authorize request still goes to the sign-in page.
        using var again = await browser.GetAsync(authorize);
        Assert.StartsWith("/account/login?", again.Headers.Location!.OriginalString);
        var refusal = Assert.Single(await factory.SecurityEventsAfterAsync(before), e => e.Kind == SecurityEventKinds.Cis2RoleRefused);
        Assert.Contains("R8013", refusal.Detail);
        Assert.NotNull(refusal.TraceId);
    }

    [Fact]
    public async Task A_CIS2_role_with_no_organisation_is_refused()
    {
        factory.Cis2.Next = new Cis2Person("cis2-555005", "No Org", Cis2Factory.ClinicianCode, null);
        using var browser = factory.CreateSecureBrowser();

        using var refused = await ThroughCis2Async(browser, OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await factory.InDatabaseAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == "cis2-555005")));
    }

    [Fact]
    public async Task A_callback_that_did_not_come_from_CIS2_signs_no_one_in()
    {
        var before = await factory.LastSecurityEventIdAsync();
        using var browser = factory.CreateSecureBrowser();

        using var forged = await browser.GetAsync("/account/cis2/callback?code=made-up&state=made-up");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("did not complete", (await BrowserSession.PageAsync(forged)).QuerySelector("h1")!.TextContent);
        Assert.False(await factory.InDatabaseAsync(db => db.UserLogins.AnyAsync()));
        var failed = Assert.Single(await factory.SecurityEventsAfterAsync(before), e => e.Kind == SecurityEventKinds.SignInFailed);
        Assert.StartsWith("NHS CIS2 sign-in did not complete: ", failed.Detail);
        Assert.DoesNotContain("made-up", failed.Detail);
    }
}
