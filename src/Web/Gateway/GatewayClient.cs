using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CareMesh.Web.Gateway;

/// <summary>
/// The services, through the gateway, as the signed-in user (<see cref="SignIn.UserAccessToken"/>). Every answer
/// is either the value or the service's problem details, which forms turn into the NHS.UK error summary.
/// </summary>
public sealed class GatewayClient(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Answer<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>A document the service renders (an HTML page, a PDF), as it sent it, for the workspace to pass on to the browser.</summary>
    public Task<Answer<Download>> DownloadAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), async (response, ct) => new Download(
            await response.Content.ReadAsByteArrayAsync(ct),
            response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            response.Headers.TryGetValues("Content-Security-Policy", out var policy) ? string.Join(", ", policy) : null), cancellationToken);

    /// <summary>A write; <paramref name="version"/>, when known, goes as If-Match so a change made meanwhile is refused (412), not overwritten.</summary>
    public Task<Answer<T>> PostAsync<T>(string path, object body, int? version = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(Write(HttpMethod.Post, path, body, version), cancellationToken);

    public Task<Answer<T>> PutAsync<T>(string path, object body, int? version = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(Write(HttpMethod.Put, path, body, version), cancellationToken);

    private static HttpRequestMessage Write(HttpMethod method, string path, object body, int? version)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
        if (version is { } v)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}\""));
        }

        return request;
    }

    private Task<Answer<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, async (response, ct) => response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(Nothing)
            ? default!
            : (await response.Content.ReadFromJsonAsync<T>(Json, ct))!, cancellationToken);

    private async Task<Answer<T>> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException)
            {
                return Answer<T>.Failed(Problem.Unreachable);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return Answer<T>.Succeeded(await read(response, cancellationToken));
                }

                return Answer<T>.Failed(await Problem.ReadAsync(response, cancellationToken));
            }
        }
    }
}

/// <summary>A call's outcome: the value, or the problem the service answered with.</summary>
public sealed record Answer<T>(T? Value, Problem? Problem)
{
    public bool Ok => Problem is null;

    public static Answer<T> Succeeded(T value) => new(value, null);

    public static Answer<T> Failed(Problem problem) => new(default, problem);
}

/// <summary>A rendered document: its bytes, media type, and the Content-Security-Policy the service gave it.</summary>
public sealed record Download(byte[] Content, string ContentType, string? ContentSecurityPolicy);

/// <summary>An answer with no body worth reading.</summary>
public sealed record Nothing;
