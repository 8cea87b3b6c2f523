using Xunit;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace CareMesh.Testing;

/// <summary>
/// A RabbitMQ virtual host of its own for one test class, so queues of parallel test classes (or a
/// developer's running platform) never take each other's messages. Deleted afterwards.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    private readonly HttpClient _management;

    private TestVirtualHost(string name, HttpClient management)
    {
        Name = name;
        _management = management;
        ConnectionString = new UriBuilder(TestServers.Messaging) { Path = "/" + name }.Uri.ToString();
    }

    public string Name { get; }
    public string ConnectionString { get; }

    /// <summary>The management API, with credentials, as operations tooling takes it.</summary>
    public static Uri ManagementApi => TestServers.RabbitManagement;

    public static async Task<TestVirtualHost> CreateAsync(string prefix)
    {
        var management = ManagementClient();
        var vhost = new TestVirtualHost(TestServers.UniqueName(prefix), management);
        var user = Uri.UnescapeDataString(TestServers.Messaging.UserInfo.Split(':')[0]);
        (await management.PutAsJsonAsync($"api/vhosts/{vhost.Name}", new { })).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/permissions/{vhost.Name}/{user}", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        return vhost;
    }

    /// <summary>Messages waiting in <paramref name="queue"/>, as the broker counts them.</summary>
    public async Task<int> CountMessagesAsync(string queue) => (await QueueAsync(queue))?.Messages ?? 0;

    /// <summary>Consumers attached to <paramref name="queue"/> now.</summary>
    public async Task<int> CountConsumersAsync(string queue) => (await QueueAsync(queue))?.Consumers ?? 0;

    /// <summary>Declares a durable queue bound to a fanout <paramref name="exchange"/> (declared too, as MassTransit would).</summary>
    public async Task BindQueueAsync(string exchange, string queue)
    {
        var exchangePath = Uri.EscapeDataString(exchange);
        (await _management.PutAsJsonAsync($"api/exchanges/{Name}/{exchangePath}", new { type = "fanout", durable = true })).EnsureSuccessStatusCode();
        await DeclareQueueAsync(queue);
        (await _management.PostAsJsonAsync($"api/bindings/{Name}/e/{exchangePath}/q/{queue}", new { routing_key = "" })).EnsureSuccessStatusCode();
    }

    /// <summary>Declares a durable queue of that name, bound to nothing.</summary>
    public async Task DeclareQueueAsync(string queue) =>
        (await _management.PutAsJsonAsync($"api/queues/{Name}/{queue}", new { durable = true })).EnsureSuccessStatusCode();

    public async Task DeleteQueueAsync(string queue) =>
        (await _management.DeleteAsync($"api/queues/{Name}/{queue}")).EnsureSuccessStatusCode();

    /// <summary>Puts one persistent message straight onto <paramref name="queue"/> (the default exchange), as a failed delivery would sit in an error queue.</summary>
    public async Task PublishToQueueAsync(string queue, string body)
    {
        var response = await _management.PostAsJsonAsync($"api/exchanges/{Name}/amq.default/publish",
            new { routing_key = queue, payload = body, payload_encoding = "string", properties = new { delivery_mode = 2, content_type = "application/json" } });
        response.EnsureSuccessStatusCode();
        Assert.True((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("routed").GetBoolean(), $"nothing routed to {queue}");
    }

    /// <summary>
    /// Takes up to <paramref name="count"/> messages off <paramref name="queue"/> and gives the message
    /// each MassTransit envelope carries.
    /// </summary>
    public async Task<IReadOnlyList<System.Text.Json.JsonElement>> TakeMessagesAsync(string queue, int count = 100)
    {
        var response = await _management.PostAsJsonAsync($"api/queues/{Name}/{queue}/get",
            new { count, ackmode = "ack_requeue_false", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<List<TakenMessage>>() ?? [];
        return [.. messages.Select(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("message"))];
    }

    public async ValueTask DisposeAsync()
    {
        await _management.DeleteAsync($"api/vhosts/{Name}");
        _management.Dispose();
    }

    private static HttpClient ManagementClient()
    {
        var uri = TestServers.RabbitManagement;
        var client = new HttpClient { BaseAddress = new UriBuilder(uri) { UserName = "", Password = "", Path = "/" }.Uri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
        return client;
    }

    private async Task<QueueInfo?> QueueAsync(string queue)
    {
        var response = await _management.GetAsync($"api/queues/{Name}/{queue}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<QueueInfo>();
    }

    /// <summary>The queue as the broker declared it: its type and arguments (null when there is no such queue).</summary>
    public async Task<(string Type, IReadOnlyDictionary<string, System.Text.Json.JsonElement> Arguments)?> DescribeQueueAsync(string queue) =>
        await QueueAsync(queue) is { } info ? (info.Type, info.Arguments) : null;

    private sealed record TakenMessage(string Payload);

    private sealed record QueueInfo(int Messages, int Consumers, string Type, Dictionary<string, System.Text.Json.JsonElement> Arguments);
}
