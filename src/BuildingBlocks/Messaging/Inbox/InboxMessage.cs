namespace CareMesh.Messaging.Inbox;

/// <summary>
/// A message a consumer has applied, recorded in the same transaction as the consumer's change:
/// a redelivery of the same message id to the same consumer finds it here and changes nothing.
/// </summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}
