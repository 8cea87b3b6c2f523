using System.Net;
using System.Net.Http.Json;
using CareMesh.Identity.Accounts;
using CareMesh.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace CareMesh.Identity.Tests.Connect;

/// <summary>User info, revocation and end session: what a signed-in client does with its tokens afterwards.</summary>
public sealed class SessionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    private const string Lead = "dev-team-lead";

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task User_info_answers_who_the_access_token_is_for()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Lead);

        var response = await UserInfoAsync(signedIn.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal(new Dictionary<string, string>
        {
            ["sub"] = Lead,
            ["name"] = "Tam Lead (development)",
            ["selected_roleid"] = CareMeshRoles.TeamLead,
            ["org"] = DevelopmentAccounts.Practice,
        }, info);
    }

    [Fact]
    public async Task User_info_refuses_no_token_a_bad_one_and_an_expired_one()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Lead);

        Assert.Equal(HttpStatusCode.Unauthorized, (await UserInfoAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await UserInfoAsync(signedIn.AccessToken[..^4] + "AAAA")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await UserInfoAsync(signedIn.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_refresh_token_refreshes_no_more()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Lead);

        var revoked = await RevokeAsync(signedIn.RefreshToken, WebClientOptions.ClientId, IdentityFactory.WebSecret);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(factory.CreateBackChannel(), signedIn.RefreshToken)).Error);
    }

    [Fact]
    public async Task A_revoked_access_token_is_refused_by_user_info()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Lead);

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(signedIn.AccessToken, WebClientOptions.ClientId, IdentityFactory.WebSecret)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await UserInfoAsync(signedIn.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task A_client_cannot_revoke_another_client_s_token()
    {
        var signedIn = await OAuth.SignInAndRedeemAsync(factory, Lead);

        // RFC 7009 lets the provider answer as it likes here; what matters is that the token still works for its own client.
        await RevokeAsync(signedIn.RefreshToken, IdentityFactory.ImporterId, IdentityFactory.ImporterSecret);

        (await OAuth.RefreshAsync(factory.CreateBackChannel(), signedIn.RefreshToken)).Succeeded();
    }

    [Fact]
    public async Task Ending_the_session_signs_the_browser_out_and_returns_it_to_the_registered_address()
    {
        using var browser = factory.CreateBrowser();
        var pkce = OAuth.Pkce.Create();
        var returned = await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(pkce, "s", "n"), Lead);
        var signedIn = (await OAuth.RedeemCodeAsync(factory.CreateBackChannel(), returned["code"], pkce.Verifier)).Succeeded();

        var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = signedIn.IdentityToken,
            ["post_logout_redirect_uri"] = IdentityFactory.WebPostLogoutRedirectUri.ToString(),
            ["state"] = "bye",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(IdentityFactory.WebPostLogoutRedirectUri.ToString() + "?state=bye", response.Headers.Location!.ToString());
        // Signed out: the next authorize request goes to the sign-in page again.
        var next = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"));
        Assert.StartsWith("/account/login?", next.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Ending_the_session_without_a_return_address_shows_the_signed_out_page()
    {
        using var browser = factory.CreateBrowser();
        await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"), Lead);

        var response = await browser.GetAsync("/connect/logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signed-out", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("http://evil.example/signout-callback-oidc")]
    [InlineData("http://localhost:5080/signout-callback-oidc/")]
    public async Task An_unregistered_post_logout_address_is_refused_without_redirecting(string address)
    {
        using var browser = factory.CreateBrowser();
        await OAuth.SignInAsync(browser, OAuth.AuthorizeUrl(OAuth.Pkce.Create(), "s", "n"), Lead);

        var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/logout", new Dictionary<string, string?>
        {
            ["client_id"] = WebClientOptions.ClientId,
            ["post_logout_redirect_uri"] = address,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private Task<HttpResponseMessage> UserInfoAsync(string? token) =>
        factory.CreateBackChannel().SendWithTokenAsync(HttpMethod.Get, "/connect/userinfo", token);

    private async Task<HttpResponseMessage> RevokeAsync(string token, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await factory.CreateBackChannel().SendAsync(request);
    }
}
