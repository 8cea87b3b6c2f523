using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareMesh.Web.Live;

/// <summary>
/// Live pages: each replica listens to the platform's events on a queue of its own, and a signed-in page holds
/// <c>GET /live?page=/its/path</c> open (server-sent events) to hear when something it shows has changed.
/// js/workspace.js then reads the page again and swaps its content in, or, when the user has typed into a
/// form, says the page has changed rather than losing what they typed.
/// </summary>
internal static class LiveUpdatesExtensions
{
    public const string Path = "/live";

    /// <summary>A stream ends after this long; the browser reconnects, so a signed-out session's stream cannot outlive it by much.</summary>
    private static readonly TimeSpan StreamLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Under the gateway's idle time-out, so an open stream with nothing to say is not cut.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    /// <summary>The header a page's own re-read carries: neither it nor the stream is the user's activity.</summary>
    public const string RefreshHeader = "CareMesh-Live";

    public static bool IsBackground(HttpRequest request) =>
        request.Path.StartsWithSegments(Path) || request.Headers.ContainsKey(RefreshHeader);

    public static void AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("Connection string 'messaging' is missing: set ConnectionStrings__messaging (amqp://user:password@host:port/vhost).");
        builder.Services.AddSingleton<LiveHub>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // The pages work without the broker; only their live updates stop: degraded, not down.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
            bus.AddConsumer<LiveUpdatesConsumer>().Endpoint(endpoint =>
            {
                endpoint.Name = $"web-live-{Guid.NewGuid():N}";
                endpoint.Temporary = true;
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });
    }

    public static void MapLiveUpdates(this WebApplication app) =>
        app.MapGet(Path, (string page, HttpContext context, LiveHub hub, CancellationToken cancellationToken) =>
            LiveTopics.ForPage(page, context.User) is { Count: > 0 } topics
                ? Results.ServerSentEvents(StreamAsync(hub, topics, cancellationToken))
                // No topics: 204 tells the browser's EventSource not to ask again.
                : Results.NoContent())
            .RequireAuthorization();

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(LiveHub hub, IReadOnlyList<string> topics,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var listener = hub.Listen(topics);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lifetime.CancelAfter(StreamLifetime);
        yield return new SseItem<string>("listening", "ready") { ReconnectionInterval = TimeSpan.FromSeconds(5) };
        while (!lifetime.IsCancellationRequested)
        {
            LiveChange? change = null;
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token))
            {
                beat.CancelAfter(Heartbeat);
                try
                {
                    change = await listener.Changes.Reader.ReadAsync(beat.Token);
                }
                catch (OperationCanceledException)
                {
                    // A heartbeat due, the stream's lifetime over, or the page gone: none of them an error.
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            yield return change is null
                ? new SseItem<string>("", "ping")
                : new SseItem<string>(System.Text.Json.JsonSerializer.Serialize(new { change.Topic, change.What }, Gateway.GatewayClient.Json), "changed");
        }
    }
}
