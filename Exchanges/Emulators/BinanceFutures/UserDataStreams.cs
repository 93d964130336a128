using System.Collections.Concurrent;
using Hft.Exchanges.Emulators.Common;
using Microsoft.AspNetCore.Http;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The <c>/private</c> sockets: each bound to a listen key and, when the URL names <c>events</c>, to that
/// allow-list of event types (a socket whose list lacks <c>listenKeyExpired</c> never hears of its key's
/// expiry). After its key expires a socket stays open and silent, as on the venue; a closed key closes it.
/// </summary>
public sealed class UserDataStreams
{
    private readonly ConcurrentDictionary<long, Connection> _connections = new();
    private readonly RunSummary _summary;
    private readonly int _maxIncomingPerSecond;
    private readonly Func<long> _nextId;

    /// <summary>Creates the registry.</summary>
    public UserDataStreams(RunSummary summary, int maxIncomingPerSecond, Func<long> nextConnectionId)
    {
        _summary = summary;
        _maxIncomingPerSecond = maxIncomingPerSecond;
        _nextId = nextConnectionId;
    }

    /// <summary>Open sockets.</summary>
    public int Count => _connections.Count;

    /// <summary>Accepts a socket for <paramref name="listenKey"/> (null <paramref name="events"/>: every event) and serves it.</summary>
    public async Task ServeAsync(HttpContext context, string listenKey, IReadOnlySet<string>? events, bool combined, CancellationToken stop)
    {
        var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new Connection(new StreamSocket(socket, _nextId(), _maxIncomingPerSecond), listenKey, events,
            new StreamSubscriptions([], combined));
        _summary.Connection();
        _connections[connection.Socket.Id] = connection;
        var pump = connection.Socket.PumpAsync(stop);
        try
        {
            while (await connection.Socket.ReceiveAsync(stop).ConfigureAwait(false) is { } text)
                connection.Socket.Send(ControlMessages.Answer(text, connection.Subscriptions));
        }
        finally
        {
            _connections.TryRemove(connection.Socket.Id, out _);
            connection.Socket.Close();
            await pump.ConfigureAwait(false);
        }
    }

    /// <summary>Sends a user event of <paramref name="eventType"/> to the sockets of <paramref name="listenKey"/> that allow it.</summary>
    public void Publish(string listenKey, string eventType, byte[] payload)
    {
        byte[]? wrapped = null;
        foreach (var c in _connections.Values)
        {
            if (c.Muted || c.ListenKey != listenKey || !c.Allows(eventType)) continue;
            c.Socket.Send(c.Subscriptions.Combined ? wrapped ??= JsonFrames.Wrap(listenKey, payload) : payload);
        }
    }

    /// <summary>The key expired: <c>listenKeyExpired</c> to the sockets that allow it, then every socket of the key falls silent.</summary>
    public void Expired(string listenKey, byte[] payload)
    {
        Publish(listenKey, "listenKeyExpired", payload);
        foreach (var c in _connections.Values) if (c.ListenKey == listenKey) c.Muted = true;
    }

    /// <summary>The key was closed: its sockets are closed.</summary>
    public void Closed(string listenKey)
    {
        foreach (var c in _connections.Values) if (c.ListenKey == listenKey) c.Socket.Close();
    }

    /// <summary>Drops every socket at once.</summary>
    public void DropAll()
    {
        foreach (var c in _connections.Values) c.Socket.Abort();
    }

    private sealed class Connection(StreamSocket socket, string listenKey, IReadOnlySet<string>? events, StreamSubscriptions subscriptions)
    {
        public StreamSocket Socket { get; } = socket;
        public string ListenKey { get; } = listenKey;
        public StreamSubscriptions Subscriptions { get; } = subscriptions;
        public volatile bool Muted;
        public bool Allows(string eventType) => events is null || events.Contains(eventType);
    }
}
