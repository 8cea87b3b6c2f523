using System.Net;
using CareMesh.Identity.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Identity.Tests.Connect;

public sealed class AuthorizationCodeTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    private const string Coordinator = "dev-care-coordinator";

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_browser_signs_in_as_a_development_account_and_the_workspace_redeems_its_code_for_a_five_minute_token()
    {
        using var browser = factory.CreateBrowser();
        var pkce = OAuth.Pkce.Create();

        var returned = await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(pkce, "state-42", "nonce-42"), Coordinator);
        Assert.Equal("state-42", returned["state"]);
        Assert.False(returned.ContainsKey("error"));

        var answer = (await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), returned["code"], pkce.Verifier)).Succeeded();
        var access = answer.Access;
        Assert.Equal(Coordinator, access.Subject);
        Assert.Equal("Casey Coordinator (development)", access.GetClaim("name").Value);
        Assert.Equal(CareMeshRoles.CareCoordinator, access.GetClaim("selected_roleid").Value);
        Assert.Equal(DevelopmentAccounts.Practice, access.GetClaim("org").Value);
        Assert.Equal(["caremesh"], access.Audiences);
        Assert.Equal("http://localhost/", access.Issuer);
        Assert.Equal(TimeSpan.FromMinutes(5), access.ValidTo - access.IssuedAt);
        // Counted down from when the token was signed; a second may have passed since.
        Assert.InRange(answer.Body.GetProperty("expires_in").GetInt32(), 290, 300);
        Assert.Equal("Bearer", answer.Body.GetProperty("token_type").GetString());

        var identity = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(answer.IdentityToken);
        Assert.Equal("nonce-42", identity.GetClaim("nonce").Value);
        Assert.Equal(Coordinator, identity.Subject);
        Assert.Equal([WebClientOptions.ClientId], identity.Audiences);
        Assert.NotEmpty(answer.RefreshToken);
    }

    [Fact]
    public async Task A_signed_in_browser_is_not_asked_again()
    {
        using var browser = factory.CreateBrowser();
        await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s1", "n1"), Coordinator);

        var pkce = OAuth.Pkce.Create();
        var again = await OAuth.ReturnToClientAsync(await browser.GetAsync(OAuth.AuthorizeUrl(pkce, "s2", "n2")));

        Assert.Equal("s2", again["state"]);
        Assert.Equal(Coordinator, (await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), again["code"], pkce.Verifier)).Succeeded().Access.Subject);
    }

    [Fact]
    public async Task Prompt_none_without_a_sign_in_answers_login_required_to_the_client()
    {
        using var browser = factory.CreateBrowser();

        var returned = await OAuth.ReturnToClientAsync(await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n", prompt: "none")));

        Assert.Equal("login_required", returned["error"]);
        Assert.False(returned.ContainsKey("code"));
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused_and_leaves_the_code_to_the_client_that_holds_the_right_one()
    {
        var (code, pkce) = await CodeAsync();
        var backChannel = factory.CreateBackChannel();

        var wrong = await OAuth.RedeemCodeAsync(backChannel, code, OAuth.Pkce.Create().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_grant", wrong.Error);
        Assert.False(wrong.Body.TryGetProperty("access_token", out _));
        // Someone holding a stolen code and no verifier cannot spend it for the client (the verifier is 256 random bits, not guessable).
        Assert.Equal(Coordinator, (await OAuth.RedeemCodeAsync(backChannel, code, pkce.Verifier)).Succeeded().Access.Subject);
    }

    [Fact]
    public async Task A_missing_code_verifier_is_refused()
    {
        var (code, _) = await CodeAsync();

        var missing = await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), code, verifier: null);

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("invalid_request", missing.Error);
    }

    [Fact]
    public async Task An_authorize_request_without_a_code_challenge_is_refused()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.GetAsync(OAuth.AuthorizeUrl(pkce: null, "s", "n"));

        await AssertRefusedHereAsync(response, "invalid_request");
    }

    [Fact]
    public async Task The_plain_code_challenge_method_is_refused_and_only_S256_is_advertised()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n", method: "plain"));

        await AssertRefusedHereAsync(response, "invalid_request");
        var discovery = await factory.CreateClient().GetStringAsync("/.well-known/openid-configuration");
        var methods = System.Text.Json.JsonDocument.Parse(discovery).RootElement.GetProperty("code_challenge_methods_supported");
        Assert.Equal(["S256"], methods.EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("http://localhost:5080/signin-oidc/")]
    [InlineData("http://localhost:5081/signin-oidc")]
    [InlineData("http://localhost:5080/signin-oidc/extra")]
    [InlineData("http://localhost:5080/SIGNIN-OIDC")]
    [InlineData("https://localhost:5080/signin-oidc")]
    [InlineData("http://evil.example/signin-oidc")]
    public async Task A_redirect_uri_not_registered_exactly_is_refused_without_redirecting(string redirectUri)
    {
        using var browser = factory.CreateBrowser();
        await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"), Coordinator);

        var response = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n", redirectUri: new Uri(redirectUri)));

        await AssertRefusedHereAsync(response, "invalid_request");
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData(IdentityFactory.ImporterId)]
    [InlineData(DevelopmentGrant.ClientId)]
    public async Task A_client_that_may_not_sign_users_in_is_refused_without_redirecting(string clientId)
    {
        using var browser = factory.CreateBrowser();
        await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"), Coordinator);

        var response = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n", clientId: clientId));

        await AssertRefusedHereAsync(response, "invalid_request");
    }

    [Fact]
    public async Task A_code_redeemed_with_another_redirect_uri_than_it_was_issued_for_is_refused()
    {
        var (code, pkce) = await CodeAsync();

        var answer = await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), code, pkce.Verifier, new Uri("http://localhost:5080/signin-oidc/"));

        Assert.Equal("invalid_grant", answer.Error);
    }

    [Fact]
    public async Task A_replayed_code_is_refused_and_the_tokens_issued_from_it_are_revoked()
    {
        var (code, pkce) = await CodeAsync();
        var backChannel = factory.CreateBackChannel();
        var first = (await OAuth.RedeemCodeAsync(backChannel, code, pkce.Verifier)).Succeeded();

        var replay = await OAuth.RedeemCodeAsync(backChannel, code, pkce.Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(backChannel, first.RefreshToken)).Error);
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo") { Headers = { Authorization = new("Bearer", first.AccessToken) } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await backChannel.SendAsync(userInfo)).StatusCode);
        var statuses = await factory.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Subject == Coordinator).Select(t => t.Status).Distinct().ToListAsync());
        Assert.DoesNotContain("valid", statuses);
    }

    [Fact]
    public async Task A_code_expires_after_its_lifetime()
    {
        var (code, pkce) = await CodeAsync();

        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal("invalid_grant", (await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), code, pkce.Verifier)).Error);
    }

    [Fact]
    public async Task A_disabled_account_gets_no_token_for_a_code_issued_before()
    {
        var (code, pkce) = await CodeAsync();
        await factory.InDatabaseAsync(db => db.Users.Where(a => a.Id == Coordinator)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow)));

        var answer = await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), code, pkce.Verifier);

        Assert.Equal("invalid_grant", answer.Error);
    }

    /// <summary>Refused by the provider itself: no redirect anywhere, so nothing reaches an address the request named.</summary>
    private static async Task AssertRefusedHereAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        // OpenIddict's own error page: the error as text, for the person at the browser.
        Assert.Contains($"error:{error}", await response.Content.ReadAsStringAsync());
    }

    private async Task<(string Code, OAuth.Pkce Pkce)> CodeAsync()
    {
        using var browser = factory.CreateBrowser();
        var pkce = OAuth.Pkce.Create();
        var returned = await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(pkce, "s", "n"), Coordinator);
        return (returned["code"], pkce);
    }
}
