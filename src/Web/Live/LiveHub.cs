using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CareMesh.Web.Live;

/// <summary>A change to something a page shows: the topic it was told on and what to tell the user.</summary>
public sealed record LiveChange(string Topic, string What);

/// <summary>
/// The open pages of this replica's users, by topic. Every replica hears every event (each has its own queue), so a
/// user's page is told wherever their browser is connected. Nothing here is kept: a page that was not open missed
/// nothing, it reads the services when it opens.
/// </summary>
public sealed class LiveHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Listener, byte>> _byTopic = new();

    public Listener Listen(IReadOnlyList<string> topics)
    {
        var listener = new Listener(this, topics);
        foreach (var topic in topics)
        {
            _byTopic.GetOrAdd(topic, _ => new()).TryAdd(listener, 0);
        }

        return listener;
    }

    /// <summary>Tells each page listening to any of <paramref name="topics"/>, once however many of them it listens to.</summary>
    public void Tell(IReadOnlyList<string> topics, string what)
    {
        var told = new HashSet<Listener>();
        foreach (var topic in topics)
        {
            if (_byTopic.TryGetValue(topic, out var listeners))
            {
                foreach (var listener in listeners.Keys.Where(told.Add))
                {
                    listener.Changes.Writer.TryWrite(new LiveChange(topic, what));
                }
            }
        }
    }

    /// <summary>Pages listening now, for the tests and the metrics that want to know.</summary>
    public int Listening => _byTopic.Values.SelectMany(listeners => listeners.Keys).Distinct().Count();

    private void Remove(Listener listener)
    {
        foreach (var topic in listener.Topics)
        {
            if (_byTopic.TryGetValue(topic, out var listeners))
            {
                listeners.TryRemove(listener, out _);
                if (listeners.IsEmpty)
                {
                    _byTopic.TryRemove(KeyValuePair.Create(topic, listeners));
                }
            }
        }
    }

    /// <summary>One open page. A page that stops reading loses its oldest changes, never the replica's memory.</summary>
    public sealed class Listener(LiveHub hub, IReadOnlyList<string> topics) : IDisposable
    {
        internal IReadOnlyList<string> Topics { get; } = topics;

        public Channel<LiveChange> Changes { get; } = Channel.CreateBounded<LiveChange>(
            new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public void Dispose() => hub.Remove(this);
    }
}
