namespace CareMesh.Messaging.Outbox;

/// <summary>
/// An integration event waiting to leave the service, written in the same transaction as the change
/// that caused it. <see cref="Id"/> is the message id on the wire, so a republished row is
/// recognisably the same message to every consumer's inbox.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    /// <summary>Commit order, so rows are published roughly in the order they were written.</summary>
    public long Sequence { get; init; }

    public required string MessageType { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>W3C trace context of the request that caused the event, restored on publish.</summary>
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }

    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
}
