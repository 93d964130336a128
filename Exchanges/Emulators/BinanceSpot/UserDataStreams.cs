using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The WebSocket API connections and their user-data subscriptions (one per account per connection, numbered from
/// 0 within the connection). Every event goes to each active subscription wrapped as
/// <c>{"subscriptionId":N,"event":{...}}</c>. Thread-safe.
/// </summary>
internal sealed class UserDataStreams
{
    private readonly object _lock = new();
    private readonly List<WsApiConnection> _connections = new();

    /// <summary>Open WebSocket API connections.</summary>
    public int Count { get { lock (_lock) return _connections.Count; } }

    /// <summary>Active user-data subscriptions.</summary>
    public int Subscriptions { get { lock (_lock) return _connections.Count(c => c.SubscriptionId is not null); } }

    /// <summary>Registers a connection.</summary>
    public void Add(WsApiConnection c)
    {
        lock (_lock) _connections.Add(c);
    }

    /// <summary>Forgets a connection that ended.</summary>
    public void Remove(WsApiConnection c)
    {
        lock (_lock) _connections.Remove(c);
    }

    /// <summary>Starts the connection's subscription; null if it already has one (the venue allows one per account).</summary>
    public int? Subscribe(WsApiConnection c)
    {
        lock (_lock)
        {
            if (c.SubscriptionId is not null) return null;
            c.SubscriptionId = c.NextSubscriptionId++;
            return c.SubscriptionId;
        }
    }

    /// <summary>Ends the connection's subscription (any, or the one numbered); true if one ended. <c>eventStreamTerminated</c> goes out.</summary>
    public bool Unsubscribe(WsApiConnection c, int? subscriptionId, byte[] terminated)
    {
        lock (_lock)
        {
            if (c.SubscriptionId is not { } active || (subscriptionId is { } wanted && wanted != active)) return false;
            c.Socket.Send(Wrap(active, terminated));
            c.SubscriptionId = null;
            return true;
        }
    }

    /// <summary>Ends every subscription with <c>eventStreamTerminated</c> (the admin's <c>expire_listen_key</c>: spot's nearest equivalent).</summary>
    public int TerminateAll(byte[] terminated)
    {
        lock (_lock)
        {
            int n = 0;
            foreach (var c in _connections) if (Unsubscribe(c, null, terminated)) n++;
            return n;
        }
    }

    /// <summary>Sends a user-data event to every active subscription.</summary>
    public void Publish(byte[] payload)
    {
        lock (_lock)
        {
            foreach (var c in _connections)
                if (c.SubscriptionId is { } id) c.Socket.Send(Wrap(id, payload));
        }
    }

    /// <summary>Sends <c>{"event":{"e":"serverShutdown",...}}</c> to every WebSocket API connection.</summary>
    public void ServerShutdown(byte[] payload)
    {
        byte[] wrapped = JsonBytes.Wrap(_ => { }, "event", payload);
        lock (_lock)
        {
            foreach (var c in _connections) c.Socket.Send(wrapped);
        }
    }

    /// <summary>Drops every connection.</summary>
    public void DropAll()
    {
        lock (_lock)
        {
            foreach (var c in _connections) c.Socket.Abort();
        }
    }

    private static byte[] Wrap(int id, byte[] payload) => JsonBytes.Wrap(w => w.WriteNumber("subscriptionId", id), "event", payload);
}
