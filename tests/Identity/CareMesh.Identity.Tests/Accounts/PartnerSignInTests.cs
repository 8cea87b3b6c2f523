using System.Net;
using CareMesh.Identity.Accounts;
using CareMesh.Identity.SecurityEvents;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Identity.Tests.Accounts;

public sealed class PartnerSignInTests(PartnerFactory factory) : IClassFixture<PartnerFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewEmail() => $"sam.{Guid.NewGuid():N}@partner.example";

    [Fact]
    public async Task After_enrolment_every_sign_in_asks_for_a_code_and_the_password_alone_gets_no_token()
    {
        var email = NewEmail();
        var before = await factory.LastSecurityEventIdAsync();
        var (accountId, key) = await factory.EnrolledPartnerAsync(email);
        using var browser = factory.CreateBrowser();
        var pkce = OAuth.Pkce.Create();
        var authorize = OAuth.AuthorizeUrl(pkce, "state-7", "nonce-7");
        using var toSignIn = await browser.GetAsync(authorize);
        using var signInPage = await browser.FollowAsync(toSignIn);

        using var passwordRight = await PartnerFactory.SubmitPasswordAsync(browser, signInPage, email, PartnerFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, passwordRight.StatusCode);
        Assert.StartsWith(PartnerSignIn.CodePath + "?", passwordRight.Headers.Location!.OriginalString);
        // The password alone is not a sign-in: the authorize request still goes to the sign-in page.
        using var stillOut = await browser.GetAsync(authorize);
        Assert.StartsWith("/account/login?", stillOut.Headers.Location!.OriginalString);

        using var codePage = await browser.FollowAsync(passwordRight);
        using var wrong = await PartnerFactory.CodeAsync(browser, codePage, Wrong(factory.CodeNow(key)));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        using var right = await PartnerFactory.CodeAsync(browser, wrong, factory.CodeNow(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var returned = await OAuth.ReturnToClientAsync(await browser.FollowAsync(right));
        var access = (await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), returned["code"], pkce.Verifier)).Succeeded().Access;
        Assert.Equal(accountId, access.Subject);
        Assert.Equal(CareMeshRoles.VcsPartner, access.GetClaim("selected_roleid").Value);
        Assert.Equal(PartnerFactory.PartnerOrganisation, access.GetClaim("org").Value);

        var events = await factory.SecurityEventsAfterAsync(before);
        Assert.Single(events, e => e.Kind == SecurityEventKinds.AuthenticatorEnrolled && e.AccountId == accountId);
        Assert.Single(events, e => e.Kind == SecurityEventKinds.SignInFailed && e.AccountId == accountId && e.Detail == "wrong code");
        Assert.Single(events, e => e.Kind == SecurityEventKinds.SignedIn && e.AccountId == accountId && e.Detail == "password and authenticator");
    }

    [Fact]
    public async Task A_code_is_good_once_and_the_next_step_brings_the_next_one()
    {
        var email = NewEmail();
        var (_, key) = await factory.EnrolledPartnerAsync(email);
        var code = factory.CodeNow(key);

        using var first = factory.CreateBrowser();
        using var firstCodePage = await first.FollowAsync(await PartnerFactory.PasswordAsync(first, email));
        using var firstSignIn = await PartnerFactory.CodeAsync(first, firstCodePage, code);
        Assert.Equal(HttpStatusCode.Redirect, firstSignIn.StatusCode);

        // The same code again, from another browser, in the same 30 seconds: refused.
        using var second = factory.CreateBrowser();
        using var secondCodePage = await second.FollowAsync(await PartnerFactory.PasswordAsync(second, email));
        using var replayed = await PartnerFactory.CodeAsync(second, secondCodePage, code);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var next = await PartnerFactory.CodeAsync(second, replayed, factory.CodeNow(key));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task A_code_from_two_steps_ago_is_refused()
    {
        var email = NewEmail();
        var (_, key) = await factory.EnrolledPartnerAsync(email);
        var old = factory.CodeNow(key);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));

        using var browser = factory.CreateBrowser();
        using var codePage = await browser.FollowAsync(await PartnerFactory.PasswordAsync(browser, email));
        using var refused = await PartnerFactory.CodeAsync(browser, codePage, old);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too()
    {
        var email = NewEmail();
        var (accountId, _) = await factory.EnrolledPartnerAsync(email);
        var before = await factory.LastSecurityEventIdAsync();
        using var browser = factory.CreateBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await PartnerFactory.PasswordAsync(browser, email, "not the right one at all");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var fifth = await PartnerFactory.PasswordAsync(browser, email, "not the right one at all");
        Assert.Equal(HttpStatusCode.Forbidden, fifth.StatusCode);
        Assert.Contains("locked", await fifth.Content.ReadAsStringAsync());
        using var right = await PartnerFactory.PasswordAsync(browser, email);
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);

        var events = (await factory.SecurityEventsAfterAsync(before)).Where(e => e.AccountId == accountId).ToList();
        Assert.Equal(4, events.Count(e => e.Kind == SecurityEventKinds.SignInFailed && e.Detail == "wrong password"));
        Assert.Single(events, e => e.Kind == SecurityEventKinds.LockedOut);
        Assert.Single(events, e => e.Kind == SecurityEventKinds.SignInFailed && e.Detail == "locked out");
        Assert.All(events, e => Assert.DoesNotContain("not the right one", e.Detail ?? ""));
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout_too()
    {
        var email = NewEmail();
        var (accountId, key) = await factory.EnrolledPartnerAsync(email);
        using var browser = factory.CreateBrowser();
        var page = await browser.FollowAsync(await PartnerFactory.PasswordAsync(browser, email));

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = await PartnerFactory.CodeAsync(browser, page, Wrong(factory.CodeNow(key)));
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        }

        using var fifth = await PartnerFactory.CodeAsync(browser, page, Wrong(factory.CodeNow(key)));
        Assert.Equal(HttpStatusCode.Forbidden, fifth.StatusCode);
        Assert.True(await factory.InDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == accountId && u.LockoutEnd > DateTimeOffset.UtcNow)));
        // Locked: even the right password and code sign in no more.
        using var again = factory.CreateBrowser();
        using var refused = await PartnerFactory.PasswordAsync(again, email);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_and_an_empty_form_are_refused_on_the_page()
    {
        using var browser = factory.CreateBrowser();

        using var unknown = await PartnerFactory.PasswordAsync(browser, NewEmail(), "any password at all");
        using var empty = await PartnerFactory.PasswordAsync(browser, "", "");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await BrowserSession.PageAsync(empty)).QuerySelector(".error"));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        using var browser = factory.CreateBrowser();

        using var refused = await browser.Client.PostAsync(SignInPages.SignInPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = NewEmail(), ["password"] = PartnerFactory.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Enrolment_without_a_password_first_sends_back_to_sign_in()
    {
        using var browser = factory.CreateBrowser();

        using var enrolment = await browser.GetAsync(PartnerSignIn.EnrolmentPath);

        Assert.Equal(HttpStatusCode.BadRequest, enrolment.StatusCode);
        Assert.Contains("Sign in again", await enrolment.Content.ReadAsStringAsync());
    }

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    private static string Wrong(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
}
