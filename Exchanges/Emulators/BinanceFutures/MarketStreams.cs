using System.Collections.Concurrent;
using Hft.Exchanges.Emulators.Common;
using Microsoft.AspNetCore.Http;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The market-data sockets (<c>/public</c>, <c>/market</c>, legacy <c>/ws</c>): each with its entry point and
/// subscriptions. The venue publishes a payload once per stream; it is wrapped once for combined sockets and
/// queued on every socket that subscribed to the stream on an entry point that delivers it.
/// </summary>
public sealed class MarketStreams
{
    private readonly ConcurrentDictionary<long, Connection> _connections = new();
    private readonly RunSummary _summary;
    private readonly int _maxIncomingPerSecond;
    private readonly Func<long> _nextId;

    /// <summary>Creates the registry.</summary>
    public MarketStreams(RunSummary summary, int maxIncomingPerSecond, Func<long> nextConnectionId)
    {
        _summary = summary;
        _maxIncomingPerSecond = maxIncomingPerSecond;
        _nextId = nextConnectionId;
    }

    /// <summary>Open sockets.</summary>
    public int Count => _connections.Count;

    /// <summary>Accepts a socket and serves it until it ends.</summary>
    public async Task ServeAsync(HttpContext context, EntryPoint entry, bool combined, IEnumerable<string> streams, CancellationToken stop)
    {
        var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new Connection(new StreamSocket(socket, _nextId(), _maxIncomingPerSecond), entry, new StreamSubscriptions(streams, combined));
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

    /// <summary>True if some socket would receive <paramref name="stream"/> (so the payload is worth building).</summary>
    public bool HasSubscribers(string stream)
    {
        foreach (var c in _connections.Values)
            if (c.Subscriptions.Contains(stream) && StreamRouting.Delivers(c.Entry, stream)) return true;
        return false;
    }

    /// <summary>Queues <paramref name="payload"/> of <paramref name="stream"/> on every socket that receives it.</summary>
    public void Publish(string stream, byte[] payload, FrameFault fault)
    {
        byte[]? wrapped = null;
        foreach (var c in _connections.Values)
        {
            if (!c.Subscriptions.Contains(stream) || !StreamRouting.Delivers(c.Entry, stream)) continue;
            c.Socket.Send(c.Subscriptions.Combined ? wrapped ??= JsonFrames.Wrap(stream, payload) : payload, fault);
        }
    }

    /// <summary>Drops every socket at once.</summary>
    public void DropAll()
    {
        foreach (var c in _connections.Values) c.Socket.Abort();
    }

    private sealed record Connection(StreamSocket Socket, EntryPoint Entry, StreamSubscriptions Subscriptions);
}
