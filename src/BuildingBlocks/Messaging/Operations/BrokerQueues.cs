using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace CareMesh.Messaging.Operations;

/// <summary>A queue as operations see it: depth, consumers and rates, from the broker's management API.</summary>
public sealed record QueueSummary(
    string VirtualHost,
    string Name,
    string Type,
    int Messages,
    int Consumers,
    double PublishRate,
    double DeliverRate)
{
    public const string ErrorSuffix = "_error";

    public bool IsErrorQueue => Name.EndsWith(ErrorSuffix, StringComparison.Ordinal);

    /// <summary>For an error queue, the queue its messages came from.</summary>
    public string? SourceQueue => IsErrorQueue ? Name[..^ErrorSuffix.Length] : null;
}

/// <summary>Reads queues from RabbitMQ's management API (<c>http://user:password@host:15672</c>).</summary>
public sealed class BrokerQueues(HttpClient http)
{
    public static BrokerQueues For(Uri managementApi)
    {
        var http = new HttpClient { BaseAddress = new UriBuilder(managementApi) { UserName = "", Password = "", Path = "/api/" }.Uri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(managementApi.UserInfo))));
        return new BrokerQueues(http);
    }

    /// <summary>Every queue in <paramref name="virtualHost"/>, or in all of them when null.</summary>
    public async Task<IReadOnlyList<QueueSummary>> ListAsync(string? virtualHost = null, CancellationToken cancellationToken = default)
    {
        var path = virtualHost is null ? "queues" : $"queues/{Uri.EscapeDataString(virtualHost)}";
        var queues = await http.GetFromJsonAsync<List<ManagementQueue>>(path, cancellationToken) ?? [];
        return queues
            .Select(q => new QueueSummary(q.Vhost, q.Name, q.Type ?? "classic", q.Messages, q.Consumers,
                q.MessageStats?.PublishDetails?.Rate ?? 0, q.MessageStats?.DeliverGetDetails?.Rate ?? 0))
            .OrderBy(q => q.VirtualHost).ThenBy(q => q.Name)
            .ToList();
    }

    private sealed record ManagementQueue(
        string Name,
        string Vhost,
        string? Type,
        int Messages,
        int Consumers,
        [property: JsonPropertyName("message_stats")] MessageStats? MessageStats);

    private sealed record MessageStats(
        [property: JsonPropertyName("publish_details")] RateDetails? PublishDetails,
        [property: JsonPropertyName("deliver_get_details")] RateDetails? DeliverGetDetails);

    private sealed record RateDetails(double Rate);
}
