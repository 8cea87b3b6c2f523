using System.Net.Http.Headers;

namespace CareMesh.Testing;

public static class BearerRequests
{
    /// <summary>Sends one request carrying <paramref name="token"/> as its bearer token (none when null).</summary>
    public static async Task<HttpResponseMessage> SendWithTokenAsync(
        this HttpClient client, HttpMethod method, string url, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
