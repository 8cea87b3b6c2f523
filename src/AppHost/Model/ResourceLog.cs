using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CareMesh.AppHost.Model;

/// <summary>
/// The latest lines a resource wrote (older ones are dropped past <see cref="Capacity"/>), with a live
/// tail for the dashboard.
/// </summary>
public sealed class ResourceLog(int capacity = ResourceLog.DefaultCapacity)
{
    public const int DefaultCapacity = 5_000;

    private readonly Queue<LogLine> lines = new();
    private readonly List<Channel<LogLine>> followers = [];
    private readonly Lock gate = new();
    private long nextSequence = 1;

    public int Capacity { get; } = capacity > 0
        ? capacity
        : throw new ArgumentOutOfRangeException(nameof(capacity), "A log keeps at least one line.");

    public void Append(LogStream stream, string text)
    {
        lock (gate)
        {
            var line = new LogLine(nextSequence++, DateTimeOffset.UtcNow, stream, text);
            if (lines.Count == Capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
            foreach (var follower in followers)
            {
                follower.Writer.TryWrite(line);
            }
        }
    }

    public void AppendFromAppHost(string text) => Append(LogStream.AppHost, text);

    public IReadOnlyList<LogLine> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }

    public IReadOnlyList<LogLine> Tail(int count)
    {
        lock (gate)
        {
            return [.. lines.Skip(Math.Max(0, lines.Count - count))];
        }
    }

    /// <summary>The lines kept so far, then every new line as it is written, until cancelled.</summary>
    public async IAsyncEnumerable<LogLine> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A follower that falls a whole log behind loses its oldest lines rather than holding memory.
        var channel = Channel.CreateBounded<LogLine>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        LogLine[] backlog;
        lock (gate)
        {
            backlog = [.. lines];
            followers.Add(channel);
        }

        try
        {
            foreach (var line in backlog)
            {
                yield return line;
            }

            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (gate)
            {
                followers.Remove(channel);
            }
        }
    }
}
