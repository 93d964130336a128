using System.Collections.Concurrent;
using System.Text;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The open sockets of one stream kind (public, private or trade) with what each subscribed to and, on the private stream,
/// whether it authenticated. Publishing queues a frame on every socket that subscribed to its topic.
/// </summary>
public sealed class BybitConnections
{
    private readonly ConcurrentDictionary<long, BybitConnection> _connections = new();

    /// <summary>Open sockets.</summary>
    public int Count => _connections.Count;

    /// <summary>Registers <paramref name="connection"/> until <see cref="Remove"/>.</summary>
    public void Add(BybitConnection connection) => _connections[connection.Socket.Id] = connection;

    /// <summary>Forgets a socket that ended.</summary>
    public void Remove(BybitConnection connection) => _connections.TryRemove(connection.Socket.Id, out _);

    /// <summary>True if some socket takes <paramref name="topic"/> (for a deep book topic: some socket asked for a deep book).</summary>
    public bool HasSubscribers(string topic)
    {
        bool book = IsDeepBookTopic(topic);
        foreach (var c in _connections.Values) if (book ? c.BookTopics().Length > 0 : c.Takes(topic)) return true;
        return false;
    }

    /// <summary>The sockets subscribed to <paramref name="topic"/> (not for deep book topics, which are relabelled).</summary>
    public IEnumerable<BybitConnection> Taking(string topic) => _connections.Values.Where(c => c.Takes(topic));

    /// <summary>
    /// Queues <paramref name="frame"/> on every socket subscribed to <paramref name="topic"/>. The emulator keeps one deep book,
    /// so a deep book frame goes to every socket that asked for the book at any depth from 50 up, once per depth asked for,
    /// labelled with that topic (a client reading <c>orderbook.200.X</c> must see <c>orderbook.200.X</c>). Level 1 is a
    /// stream of its own (snapshot-only, its own <c>u</c>) and goes only to its subscribers.
    /// </summary>
    public void Publish(string topic, byte[] frame, FrameFault fault = FrameFault.None)
    {
        if (!IsDeepBookTopic(topic))
        {
            foreach (var c in _connections.Values) if (c.Takes(topic)) c.Socket.Send(frame, fault);
            return;
        }
        Dictionary<string, byte[]>? relabelled = null;
        foreach (var c in _connections.Values)
        {
            foreach (string label in c.BookTopics())
            {
                if (label == topic) { c.Socket.Send(frame, fault); continue; }
                relabelled ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
                if (!relabelled.TryGetValue(label, out var copy)) relabelled[label] = copy = Relabel(frame, topic, label);
                c.Socket.Send(copy, fault);
            }
        }
    }

    /// <summary>True for <c>orderbook.{depth}.{symbol}</c>.</summary>
    public static bool IsBookTopic(string topic) => topic.StartsWith("orderbook.", StringComparison.Ordinal);

    /// <summary>True for <c>orderbook.1.{symbol}</c>.</summary>
    public static bool IsLevelOneTopic(string topic) => topic.StartsWith("orderbook.1.", StringComparison.Ordinal);

    /// <summary>True for a book topic deeper than level 1 (the snapshot-then-deltas ones).</summary>
    public static bool IsDeepBookTopic(string topic) => IsBookTopic(topic) && !IsLevelOneTopic(topic);

    /// <summary><paramref name="frame"/> (which starts <c>{"topic":"<paramref name="from"/>"</c>) with its topic replaced by <paramref name="to"/>.</summary>
    public static byte[] Relabel(byte[] frame, string from, string to)
    {
        byte[] old = Encoding.UTF8.GetBytes("{\"topic\":\"" + from + "\"");
        if (!frame.AsSpan().StartsWith(old)) throw new ArgumentException("the frame does not start with topic " + from, nameof(frame));
        byte[] head = Encoding.UTF8.GetBytes("{\"topic\":\"" + to + "\"");
        var copy = new byte[head.Length + frame.Length - old.Length];
        head.CopyTo(copy, 0);
        frame.AsSpan(old.Length).CopyTo(copy.AsSpan(head.Length));
        return copy;
    }

    /// <summary>Drops every socket at once.</summary>
    public void DropAll()
    {
        foreach (var c in _connections.Values) c.Socket.Abort();
    }
}

/// <summary>One socket of a Bybit stream: its topics and, on the private and trade streams, its authentication.</summary>
/// <param name="Socket">The socket.</param>
/// <param name="Private">True on <c>/v5/private</c> and <c>/v5/trade</c> (no public topics).</param>
public sealed record BybitConnection(StreamSocket Socket, bool Private)
{
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);

    /// <summary>The socket's id as Bybit's <c>conn_id</c>.</summary>
    public string ConnectionId => BybitJson.Uuid(Socket.Id);

    /// <summary>True once <c>auth</c> succeeded (private and trade streams).</summary>
    public bool Authenticated { get; set; }

    /// <summary>The ticker this socket last got (its next delta is measured against it); null until it subscribes. Under the venue's lock.</summary>
    public BybitTicker? LastTicker { get; set; }

    /// <summary>Adds topics.</summary>
    public void Subscribe(IEnumerable<string> topics)
    {
        lock (_topics) foreach (var t in topics) _topics.Add(t);
    }

    /// <summary>Removes topics.</summary>
    public void Unsubscribe(IEnumerable<string> topics)
    {
        lock (_topics) foreach (var t in topics) _topics.Remove(t);
    }

    /// <summary>The deep <c>orderbook.*</c> topics (50 and up) subscribed, as the client spelled them (none on the private stream).</summary>
    public string[] BookTopics()
    {
        if (Private) return [];
        lock (_topics) return _topics.Where(BybitConnections.IsDeepBookTopic).ToArray();
    }

    /// <summary>True if subscribed to <paramref name="topic"/> (the private stream also needs authentication).</summary>
    public bool Takes(string topic)
    {
        if (Private && !Authenticated) return false;
        lock (_topics) return _topics.Contains(topic);
    }
}
