using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CareMesh.Directory.Import;

/// <summary>A page of another directory's service list, each service as the feed sent it.</summary>
public sealed record FeedPage(int Number, IReadOnlyList<JsonElement> Services);

/// <summary>The remote feed could not be read: it is unreachable, answered with an error, or is not an Open Referral UK feed.</summary>
public sealed class FeedUnreadableException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Reads another directory's Open Referral UK 3.0 feed: its service list page by page, fully nested
/// (<c>full=true</c>), fetching a service by itself (<c>/services/{id}</c>) when the list gives only a summary.
/// </summary>
public sealed class OrukFeedClient(HttpClient http, IOptions<ImportOptions> options)
{
    public async IAsyncEnumerable<FeedPage> ReadServicesAsync(Uri feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var number = 1; ; number++)
        {
            if (number > settings.MaxPages)
            {
                throw new FeedUnreadableException($"The feed has more than {settings.MaxPages} pages of services; the import stopped there.");
            }

            var page = await GetAsync(feed, string.Create(CultureInfo.InvariantCulture, $"services?page={number}&per_page={settings.PageSize}&full=true"), cancellationToken);
            if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array)
            {
                throw new FeedUnreadableException($"Page {number} of {feed}services is not a page of the service list (no \"contents\" array).");
            }

            var services = new List<JsonElement>();
            foreach (var item in contents.EnumerateArray())
            {
                services.Add(IsSummary(item) ? await GetAsync(feed, $"services/{Uri.EscapeDataString(item.GetProperty("id").GetString()!)}", cancellationToken) : item);
            }

            yield return new FeedPage(number, services);

            var isLast = page.TryGetProperty("last_page", out var lastPage) && lastPage.ValueKind == JsonValueKind.True;
            var totalPages = page.TryGetProperty("total_pages", out var total) && total.TryGetInt32(out var pages) ? pages : (int?)null;
            if (isLast || services.Count == 0 || number >= totalPages)
            {
                yield break;
            }
        }
    }

    /// <summary>A list item without its nested parts (a feed that ignores <c>full=true</c>) that names its id: read in full by itself.</summary>
    private static bool IsSummary(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && !item.TryGetProperty("service_at_locations", out _) &&
        item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String;

    private async Task<JsonElement> GetAsync(Uri feed, string relative, CancellationToken cancellationToken)
    {
        var address = new Uri(feed, relative);
        try
        {
            using var response = await http.GetAsync(address, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new FeedUnreadableException($"GET {address} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new FeedUnreadableException($"GET {address} failed: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new FeedUnreadableException($"GET {address} did not answer with JSON: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedUnreadableException($"GET {address} did not answer within {options.Value.RequestTimeout}.", e);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw new FeedUnreadableException($"GET {address} did not answer in time: {e.Message}", e);
        }
    }
}
