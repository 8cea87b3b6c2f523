using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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

/// <summary>
/// A message waiting in a queue, read without taking it: its id, its type and its headers (MassTransit's
/// fault headers among them). Never its body: messages carry patient data, and operations staff see none.
/// </summary>
public sealed record QueuedMessage(string? MessageId, string? MessageType, IReadOnlyDictionary<string, string> Headers);

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

    /// <summary>
    /// Up to <paramref name="count"/> messages from the head of the queue, left in place: the broker
    /// hands them out and puts them straight back (they are then marked redelivered).
    /// </summary>
    public async Task<IReadOnlyList<QueuedMessage>> PeekAsync(string virtualHost, string queue, int count, CancellationToken cancellationToken = default)
    {
        var response = await http.PostAsJsonAsync(
            $"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 20_000 },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<List<ManagementMessage>>(cancellationToken) ?? [];
        return messages
            .Select(m => new QueuedMessage(
                m.Properties?.MessageId,
                MessageTypeOf(m.Payload),
                m.Properties?.Headers?.ToDictionary(h => h.Key, h => h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString()! : h.Value.GetRawText())
                ?? []))
            .ToList();
    }

    /// <summary>The contract a MassTransit envelope names first (<c>urn:message:Namespace:Type</c>), if the body is one.</summary>
    private static string? MessageTypeOf(string? payload)
    {
        try
        {
            using var envelope = JsonDocument.Parse(payload ?? "");
            return envelope.RootElement.ValueKind == JsonValueKind.Object &&
                   envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array &&
                   types.GetArrayLength() > 0 && types[0].GetString() is { } urn
                ? urn.Replace("urn:message:", "", StringComparison.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ManagementMessage(string? Payload, ManagementProperties? Properties);

    private sealed record ManagementProperties(
        [property: JsonPropertyName("message_id")] string? MessageId,
        Dictionary<string, JsonElement>? Headers);

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
