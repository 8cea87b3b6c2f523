using CareMesh.AppHost.Orchestration;

namespace CareMesh.AppHost.Tests;

public class RestartPolicyTests
{
    private static readonly RestartPolicy Policy = RestartPolicy.Default;

    [Fact]
    public void The_delay_doubles_from_one_second_and_stops_at_thirty()
    {
        var delays = Enumerable.Range(1, 8).Select(failures => Policy.DelayBefore(failures).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void A_process_that_never_stays_up_waits_the_longest_delay_without_overflowing()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Policy.DelayBefore(10_000));
    }

    [Fact]
    public void The_count_grows_while_runs_end_before_they_have_been_healthy_for_long()
    {
        Assert.Equal(1, Policy.ConsecutiveFailures(0, healthyFor: null));
        Assert.Equal(4, Policy.ConsecutiveFailures(3, healthyFor: null));
        Assert.Equal(4, Policy.ConsecutiveFailures(3, healthyFor: TimeSpan.FromSeconds(29)));
    }

    [Fact]
    public void A_long_healthy_run_resets_the_back_off()
    {
        var failures = Policy.ConsecutiveFailures(5, healthyFor: TimeSpan.FromSeconds(30));

        Assert.Equal(1, failures);
        Assert.Equal(TimeSpan.FromSeconds(1), Policy.DelayBefore(failures));
    }

    [Fact]
    public void Fewer_than_one_failure_has_no_delay()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayBefore(0));
    }
}
