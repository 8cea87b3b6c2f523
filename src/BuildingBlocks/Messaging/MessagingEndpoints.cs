using CareMesh.Messaging.Inbox;
using CareMesh.Messaging.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CareMesh.Messaging;

public static class MessagingEndpoints
{
    /// <summary>
    /// <c>GET /internal/messaging/outbox</c>: the service's outbox backlog, measured now, for the
    /// operations dashboard. Served on the service's own address; the gateway routes no /internal path.
    /// </summary>
    /// <returns>The endpoints, for the caller to attach its operations policy.</returns>
    public static IEndpointConventionBuilder MapMessagingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/internal/messaging/outbox", GetOutboxBacklog).ExcludeFromDescription();

    public static async Task<Ok<OutboxBacklog>> GetOutboxBacklog(MessagingDbContext messaging, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await OutboxBacklog.ReadAsync(messaging.Context, clock, cancellationToken));
}
