using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CareMesh.Web.SignIn;

/// <summary>
/// Runs on every request of a signed-in user: signs them out after <see cref="WorkspaceOptions.InactivityTimeout"/>
/// without a request, and refreshes the access token when it is near its expiry, so a page never calls a
/// service with a token about to lapse.
/// </summary>
internal sealed class SessionCheck(IOptions<WorkspaceOptions> workspace, TokenRefresher refresher, TimeProvider clock)
{
    internal const string LastSeen = "caremesh.last-seen";

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        var options = workspace.Value;
        if (context.Properties.Items.TryGetValue(LastSeen, out var seen)
            && DateTimeOffset.TryParse(seen, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastSeen)
            && now - lastSeen > options.InactivityTimeout)
        {
            await RejectAsync(context);
            return;
        }

        if (context.Properties.GetTokenValue("expires_at") is { } expires
            && DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
            && expiresAt - now < options.RefreshBeforeExpiry)
        {
            var refreshed = context.Properties.GetTokenValue("refresh_token") is { } refreshToken
                ? await refresher.RefreshAsync(refreshToken)
                : null;
            if (refreshed is null)
            {
                await RejectAsync(context);
                return;
            }

            context.Properties.UpdateTokenValue("access_token", refreshed.AccessToken);
            context.Properties.UpdateTokenValue("expires_at", now.AddSeconds(refreshed.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
            if (refreshed.RefreshToken is { } rotated)
            {
                context.Properties.UpdateTokenValue("refresh_token", rotated);
            }

            if (refreshed.IdToken is { } idToken)
            {
                context.Properties.UpdateTokenValue("id_token", idToken);
            }

            // Kept whatever the request: the old refresh token is spent.
            context.ShouldRenew = true;
        }

        // A live page's stream and re-reads are the page's doing, not the user's: they keep nobody signed in.
        if (!Live.LiveUpdatesExtensions.IsBackground(context.HttpContext.Request))
        {
            context.Properties.Items[LastSeen] = now.ToString("o", CultureInfo.InvariantCulture);
            context.ShouldRenew = true;
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>
/// The refresh-token grant at the provider's token endpoint. A page's parallel requests share one refresh,
/// and its answer is kept a minute, so a rotated refresh token is never spent twice.
/// </summary>
internal sealed class TokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidc, IMemoryCache recent, ILogger<TokenRefresher> log)
{
    public Task<TokenAnswer?> RefreshAsync(string refreshToken) =>
        recent.GetOrCreate("caremesh-web-refresh:" + refreshToken, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return RequestAsync(refreshToken);
        })!;

    private async Task<TokenAnswer?> RequestAsync(string refreshToken)
    {
        // Shared by every request waiting on it: none of their cancellations may end it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var cancellationToken = deadline.Token;
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret ?? "",
            }),
        };
        HttpResponseMessage response;
        try
        {
            response = await options.Backchannel.SendAsync(request, cancellationToken);
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException)
        {
            log.LogWarning("The identity provider could not be reached to refresh a user's access token ({Failure}); they will sign in again", failure.GetType().Name);
            return null;
        }

        using var answer = response;
        if (!response.IsSuccessStatusCode)
        {
            // The provider said no (revoked, expired): the user signs in again. Never log the token.
            log.LogInformation("Refreshing a user's access token was refused ({Status}); they will sign in again", (int)response.StatusCode);
            return null;
        }

        return await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
    }
}

internal sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("id_token")] string? IdToken);
