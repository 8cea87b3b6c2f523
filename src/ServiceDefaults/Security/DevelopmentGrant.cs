using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The identity provider's development-only grant: a token for any role and organisation without
/// signing in, for <c>./caremesh token</c>, curl and tests. The provider offers it in Development
/// alone; anywhere else the token endpoint answers <c>unsupported_grant_type</c>.
/// </summary>
public static class DevelopmentGrant
{
    public const string GrantType = "urn:caremesh:development";

    /// <summary>The public client the grant is issued to (registered in Development only).</summary>
    public const string ClientId = "caremesh-development";

    /// <summary>The longest access token the grant issues.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(12);

    /// <summary>Asks the provider's token endpoint for a token; throws with the provider's error when it refuses.</summary>
    public static async Task<string> RequestTokenAsync(
        HttpClient http, Uri tokenEndpoint, string role, string organisation, string? name = null, string? userId = null,
        TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = GrantType,
            ["client_id"] = ClientId,
            ["role"] = role,
            ["org"] = organisation,
        };
        if (name is not null)
        {
            form["name"] = name;
        }

        if (userId is not null)
        {
            form["user"] = userId;
        }

        if (lifetime is { } minutes)
        {
            form["minutes"] = ((int)minutes.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        }

        using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        return response.IsSuccessStatusCode && answer?.AccessToken is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException(
                $"The identity provider refused a development token ({(int)response.StatusCode}): {answer?.Error} {answer?.ErrorDescription}");
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
