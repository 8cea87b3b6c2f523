using CareMesh.AppHost.Model;

namespace CareMesh.AppHost.Tests;

public class ResourceLogTests
{
    [Fact]
    public void The_log_keeps_only_the_latest_lines_in_order()
    {
        var log = new ResourceLog(capacity: 3);

        foreach (var text in new[] { "a", "b", "c", "d", "e" })
        {
            log.Append(LogStream.StandardOutput, text);
        }

        Assert.Equal(["c", "d", "e"], log.Snapshot().Select(line => line.Text));
        Assert.Equal([3L, 4L, 5L], log.Snapshot().Select(line => line.Sequence));
        Assert.Equal(["d", "e"], log.Tail(2).Select(line => line.Text));
        Assert.Equal(["c", "d", "e"], log.Tail(10).Select(line => line.Text));
    }

    [Fact]
    public async Task A_follower_gets_the_kept_lines_then_new_ones_as_they_come()
    {
        var log = new ResourceLog();
        log.Append(LogStream.StandardOutput, "before");
        using var patience = new CancellationTokenSource(TestResources.Patience);
        await using var follower = log.FollowAsync(patience.Token).GetAsyncEnumerator();

        Assert.True(await follower.MoveNextAsync());
        Assert.Equal("before", follower.Current.Text);

        var next = follower.MoveNextAsync();
        log.Append(LogStream.StandardError, "after");

        Assert.True(await next);
        Assert.Equal(new LogLine(2, follower.Current.Timestamp, LogStream.StandardError, "after"), follower.Current);
    }
}
