using CareMesh.Messaging.Outbox;

namespace CareMesh.Messaging.Tests.Outbox;

public class OutboxOptionsTests
{
    [Fact]
    public void Retry_delay_doubles_per_attempt_and_stops_at_the_cap()
    {
        var options = new OutboxOptions { FirstRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(10) };

        var delays = Enumerable.Range(1, 6).Select(options.RetryDelayAfter).Select(d => d.TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void A_very_long_failing_row_never_overflows_the_delay()
    {
        var options = new OutboxOptions();

        Assert.Equal(options.MaxRetryDelay, options.RetryDelayAfter(int.MaxValue));
    }
}
