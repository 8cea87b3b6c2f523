using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;

namespace CareMesh.Web.Gateway;

/// <summary>
/// A service's RFC 9457 problem details as the workspace shows them: a title, a detail, and each field at fault
/// by its JSON path (<c>patient.nhsNumber</c>, <c>needs[1]</c>), as every CareMesh service names them.
/// </summary>
public sealed record Problem(
    int Status,
    string Title,
    string? Detail,
    IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Extensions a refusal carries, such as a workflow's <c>allowedActions</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; init; }

    public static readonly Problem Unreachable = new(503, "CareMesh cannot reach the service just now.",
        "Nothing was saved. Try again in a minute; if it keeps happening, tell your IT service desk.", new Dictionary<string, string[]>());

    /// <summary>
    /// The problem with the indexes of <paramref name="list"/> put back as the form numbers its rows, when rows left blank
    /// were not sent: <paramref name="sent"/>[k] is the form's row of the k-th item sent, so <c>attendees[1].name</c> lands on
    /// the row the user typed it in.
    /// </summary>
    public Problem Reindexed(string list, IReadOnlyList<int> sent) => this with
    {
        Errors = Errors.ToDictionary(
            error => Regex.Replace(error.Key, $@"^{Regex.Escape(list)}\[(\d+)\]", match =>
                int.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var k) && k < sent.Count
                    ? $"{list}[{sent[k].ToString(System.Globalization.CultureInfo.InvariantCulture)}]"
                    : match.Value),
            error => error.Value),
    };

    public static async Task<Problem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var wire = await response.Content.ReadFromJsonAsync<WireProblem>(GatewayClient.Json, cancellationToken);
                if (wire is not null)
                {
                    return new Problem(wire.Status ?? status, wire.Title ?? TitleFor(response.StatusCode), wire.Detail,
                        wire.Errors ?? new Dictionary<string, string[]>()) { Extensions = wire.Extensions };
                }
            }
            catch (JsonException)
            {
                // Not problem details after all: fall through to what the status says.
            }
        }

        return new Problem(status, TitleFor(response.StatusCode), null, new Dictionary<string, string[]>());
    }

    private static string TitleFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "This record was not found, or you do not have access to it.",
        HttpStatusCode.Forbidden => "Your role does not allow this.",
        HttpStatusCode.Unauthorized => "Your sign-in has ended. Sign in again.",
        HttpStatusCode.PreconditionFailed => "Someone changed this record while you were working on it. What you typed is kept: check the record as it is now, then save again.",
        HttpStatusCode.TooManyRequests => "Too many requests. Wait a minute, then try again.",
        _ when (int)status >= 500 => "Sorry, there is a problem with the service.",
        _ => "There is a problem.",
    };

    private sealed record WireProblem(int? Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extensions { get; init; }
    }
}
