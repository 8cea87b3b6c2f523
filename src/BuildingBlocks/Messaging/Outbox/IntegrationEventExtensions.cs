using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CareMesh.Messaging.Outbox;

public static class IntegrationEventExtensions
{
    /// <summary>
    /// Queues <paramref name="integrationEvent"/> to be published once the change it belongs to is
    /// saved: add the event, save the change, and both commit or neither does.
    /// </summary>
    public static OutboxMessage AddIntegrationEvent<TEvent>(this DbContext db, TEvent integrationEvent, TimeProvider? clock = null)
        where TEvent : class
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var activity = Activity.Current;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            MessageType = MessageTypes.NameOf(typeof(TEvent)),
            Payload = JsonSerializer.Serialize(integrationEvent, MessageTypes.SerializerOptions),
            CreatedAt = now,
            NextAttemptAt = now,
            TraceParent = activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null,
            TraceState = activity?.TraceStateString,
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }
}
