namespace CareMesh.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often the dispatcher looks even when no commit woke it (rows written by other replicas, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 100;

    /// <summary>Longest wait for the broker to confirm one publish before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off after a failed publish: doubles per attempt from the first value, capped at the second.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the backlog behind the outbox gauges is measured.</summary>
    public TimeSpan BacklogMeasureInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent rows are kept this long, for investigation, then deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan RetryDelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstRetryDelay * Math.Pow(2, exponent);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
