namespace CareMesh.Messaging;

public static class MessagingTelemetry
{
    /// <summary>The outbox's spans; ServiceDefaults listens to it.</summary>
    public const string ActivitySourceName = "CareMesh.Messaging";
}
