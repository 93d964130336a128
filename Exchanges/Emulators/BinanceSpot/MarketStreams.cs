using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The market-data sockets and what each is subscribed to. A payload is built once per message and sent raw to
/// <c>/ws</c> connections and wrapped <c>{"stream","data"}</c> to combined ones. Thread-safe.
/// </summary>
internal sealed class MarketStreams
{
    /// <summary>At most this many streams per connection (the venue's limit).</summary>
    public const int MaxStreams = 1024;

    private readonly object _lock = new();
    private readonly List<MarketConnection> _connections = new();

    /// <summary>Open connections.</summary>
    public int Count { get { lock (_lock) return _connections.Count; } }

    /// <summary>Registers a connection.</summary>
    public void Add(MarketConnection c)
    {
        lock (_lock) _connections.Add(c);
    }

    /// <summary>Forgets a connection that ended.</summary>
    public void Remove(MarketConnection c)
    {
        lock (_lock) _connections.Remove(c);
    }

    /// <summary>Runs <paramref name="change"/> on a connection's subscriptions under the registry's lock.</summary>
    public T Change<T>(MarketConnection c, Func<MarketConnection, T> change)
    {
        lock (_lock) return change(c);
    }

    /// <summary>True if some connection listens to <paramref name="stream"/> (saves building unwanted payloads).</summary>
    public bool HasSubscribers(string stream)
    {
        lock (_lock)
        {
            foreach (var c in _connections) if (c.Streams.Contains(stream)) return true;
            return false;
        }
    }

    /// <summary>Sends a payload of <paramref name="stream"/> to its subscribers.</summary>
    public void Publish(string stream, byte[] payload, FrameFault fault)
    {
        byte[]? wrapped = null;
        lock (_lock)
        {
            foreach (var c in _connections)
            {
                if (!c.Streams.Contains(stream)) continue;
                c.Socket.Send(c.Combined ? wrapped ??= Wrap(stream, payload) : payload, fault);
            }
        }
    }

    /// <summary>Sends <c>serverShutdown</c> to every connection, raw or as the <c>!serverShutdown</c> stream.</summary>
    public void ServerShutdown(byte[] payload)
    {
        byte[]? wrapped = null;
        lock (_lock)
        {
            foreach (var c in _connections) c.Socket.Send(c.Combined ? wrapped ??= Wrap("!serverShutdown", payload) : payload);
        }
    }

    /// <summary>Drops every connection (fault, or the emulator stopping).</summary>
    public void DropAll()
    {
        lock (_lock)
        {
            foreach (var c in _connections) c.Socket.Abort();
        }
    }

    private static byte[] Wrap(string stream, byte[] payload) => JsonBytes.Wrap(w => w.WriteString("stream", stream), "data", payload);
}
