using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareMesh.Identity.Tests;

/// <summary>What a client of the provider does: PKCE, the authorize request, the token requests, as the protocol spells them.</summary>
public static class OAuth
{
    public const string WebScopes = "openid profile offline_access caremesh";

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce Create()
        {
            var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    /// <summary>The token endpoint's answer: its status and JSON body.</summary>
    public sealed record TokenAnswer(HttpStatusCode Status, JsonElement Body)
    {
        public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;
        public string AccessToken => Body.GetProperty("access_token").GetString()!;
        public string RefreshToken => Body.GetProperty("refresh_token").GetString()!;
        public string IdentityToken => Body.GetProperty("id_token").GetString()!;

        public JsonWebToken Access => new(AccessToken);

        public TokenAnswer Succeeded()
        {
            Assert.True(Status == HttpStatusCode.OK, $"The token endpoint answered {(int)Status}: {Body}");
            return this;
        }
    }

    public static string AuthorizeUrl(
        Pkce? pkce, string state, string nonce, Uri? redirectUri = null, string method = "S256", string scope = WebScopes,
        string clientId = WebClientOptions.ClientId, string? prompt = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = (redirectUri ?? IdentityFactory.WebRedirectUri).ToString(),
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = nonce,
            ["prompt"] = prompt,
        };
        if (pkce is not null)
        {
            parameters["code_challenge"] = method == "plain" ? pkce.Verifier : pkce.Challenge;
            parameters["code_challenge_method"] = method;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", parameters.Where(p => p.Value is not null));
    }

    /// <summary>
    /// Drives the browser from the authorize request through the sign-in page, choosing <paramref name="accountId"/>,
    /// back to the client's redirect URI, and gives the parameters the client receives there.
    /// </summary>
    public static async Task<Dictionary<string, string>> SignInAsync(BrowserSession browser, string authorizeUrl, string accountId)
    {
        var toSignIn = await browser.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.StartsWith("/account/login?", toSignIn.Headers.Location!.OriginalString);
        var page = await browser.FollowAsync(toSignIn);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = (await BrowserSession.PageAsync(page)).Forms.Single(f => f.Elements.Any(e => e.GetAttribute("name") == "account" && e.GetAttribute("value") == accountId));
        var signedIn = await browser.SubmitAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return await ReturnToClientAsync(await browser.FollowAsync(signedIn));
    }

    /// <summary>The parameters of the redirect to the client's registered address.</summary>
    public static Task<Dictionary<string, string>> ReturnToClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(IdentityFactory.WebRedirectUri.ToString() + "?", location.ToString());
        return Task.FromResult(QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString()));
    }

    public static Task<TokenAnswer> RedeemCodeAsync(HttpClient backChannel, string code, string? verifier, Uri? redirectUri = null) =>
        TokenAsync(backChannel, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = (redirectUri ?? IdentityFactory.WebRedirectUri).ToString(),
            ["code_verifier"] = verifier,
        }, WebClientOptions.ClientId, IdentityFactory.WebSecret);

    public static Task<TokenAnswer> RefreshAsync(HttpClient backChannel, string refreshToken) =>
        TokenAsync(backChannel, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken },
            WebClientOptions.ClientId, IdentityFactory.WebSecret);

    public static Task<TokenAnswer> ClientCredentialsAsync(HttpClient backChannel, string clientId, string secret, string? scope) =>
        TokenAsync(backChannel, new() { ["grant_type"] = "client_credentials", ["scope"] = scope }, clientId, secret);

    /// <summary>Posts to the token endpoint, the client authenticating with HTTP Basic as RFC 6749 prefers.</summary>
    public static async Task<TokenAnswer> TokenAsync(HttpClient backChannel, Dictionary<string, string?> form, string? clientId = null, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(form.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!))),
        };
        if (clientId is not null && secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        }

        using var response = await backChannel.SendAsync(request);
        return new TokenAnswer(response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>A full sign-in as <paramref name="accountId"/> through the browser, and the code redeemed.</summary>
    public static async Task<TokenAnswer> SignInAndRedeemAsync(IdentityFactory factory, string accountId, string scope = WebScopes)
    {
        using var browser = factory.CreateBrowser();
        var pkce = Pkce.Create();
        var returned = await SignInAsync(browser, AuthorizeUrl(pkce, "state-1", "nonce-1", scope: scope), accountId);
        return (await RedeemCodeAsync(factory.CreateBackChannel(), returned["code"], pkce.Verifier)).Succeeded();
    }
}
