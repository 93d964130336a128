using System.Net.WebSockets;
using System.Text;
using Akka.Actor;
using Hft.Core.Time;
using Websocket.Client;

namespace Hft.Exchanges.Common;

/// <summary>
/// One WebSocket connection to a venue (Websocket.Client over <see cref="ClientWebSocket"/>), configured for trading:
/// quick reconnects, a silence timeout, the subscription sent again after every reconnect, and a subscriber that
/// never throws (the library unsubscribes a throwing subscriber for good and reconnects). Frames go to the gateway
/// actor as <see cref="StreamFrame"/>s stamped with the local receive time; (re)connections and losses as
/// <see cref="StreamConnected"/> and <see cref="StreamDisconnected"/>.
/// </summary>
/// <remarks>
/// <see cref="Send"/> reports whether the socket was up; Websocket.Client's own <c>Send</c> drops messages silently
/// while disconnected, so nothing that must arrive (an order) goes over a stream: orders use REST.
/// </remarks>
public sealed class VenueStream : IDisposable
{
    private readonly int _id;
    private readonly ICanTell _target;
    private readonly IClock _clock;
    private readonly Func<IReadOnlyList<string>> _onConnect;
    private readonly WebsocketClient _client;
    private readonly List<IDisposable> _subscriptions = new();
    private int _disposed;

    /// <summary>A stream to <paramref name="url"/>; nothing connects until <see cref="Start"/>.</summary>
    /// <param name="id">The gateway's number for this stream, carried by every frame.</param>
    /// <param name="url">ws:// or wss:// URL.</param>
    /// <param name="target">The gateway actor.</param>
    /// <param name="clock">The clock that stamps receive times (the live loop's).</param>
    /// <param name="options">Reconnect and silence timeouts.</param>
    /// <param name="onConnect">Messages to send after each (re)connect: the subscription, an authentication.</param>
    public VenueStream(int id, Uri url, ICanTell target, IClock clock, VenueStreamOptions options, Func<IReadOnlyList<string>>? onConnect = null)
    {
        _id = id;
        _target = target;
        _clock = clock;
        _onConnect = onConnect ?? (() => []);
        Url = url;
        var keepAlive = options.KeepAlive;
        _client = new WebsocketClient(url, () => new ClientWebSocket { Options = { KeepAliveInterval = keepAlive } })
        {
            Name = "stream-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReconnectTimeout = options.SilenceTimeout,
            ErrorReconnectTimeout = options.ReconnectDelay,
            LostReconnectTimeout = options.ReconnectDelay,
            IsReconnectionEnabled = true,
            // Frames arrive as bytes: no string per message.
            IsTextMessageConversionEnabled = false,
        };
        _subscriptions.Add(_client.MessageReceived.Subscribe(OnMessage));
        _subscriptions.Add(_client.ReconnectionHappened.Subscribe(OnReconnection));
        _subscriptions.Add(_client.DisconnectionHappened.Subscribe(OnDisconnection));
    }

    /// <summary>Where it connects.</summary>
    public Uri Url { get; }

    /// <summary>Connects (in the background; failures are retried after the reconnect delay).</summary>
    public Task Start() => _client.Start();

    /// <summary>Sends <paramref name="text"/> if the socket is open; false (and nothing sent) if it is not.</summary>
    public bool Send(string text)
    {
        if (!_client.IsRunning) return false;
        return _client.Send(text);
    }

    private void OnMessage(ResponseMessage message)
    {
        // Never throw here: the library would unsubscribe this handler for good.
        try
        {
            long receivedAt = _clock.Now;
            StreamFrame frame;
            if (message.Stream is { } stream)
            {
                frame = StreamFrame.Copy(_id, stream.GetBuffer().AsSpan(0, (int)stream.Length), receivedAt);
            }
            else if (message.Binary is { } binary)
            {
                frame = StreamFrame.Copy(_id, binary, receivedAt);
            }
            else if (message.Text is { } text)
            {
                frame = StreamFrame.Copy(_id, Encoding.UTF8.GetBytes(text), receivedAt);
            }
            else
            {
                return;
            }
            _target.Tell(frame, ActorRefs.NoSender);
        }
        catch (Exception)
        {
            // A frame that cannot even be copied is lost; the book's update ids will show the gap and resync.
        }
    }

    private void OnReconnection(ReconnectionInfo info)
    {
        try
        {
            bool reconnect = info.Type != ReconnectionType.Initial;
            foreach (var text in _onConnect()) _client.Send(text);
            _target.Tell(new StreamConnected(_id, reconnect, info.Type.ToString()), ActorRefs.NoSender);
        }
        catch (Exception)
        {
            // The next reconnect sends the subscription again.
        }
    }

    private void OnDisconnection(DisconnectionInfo info)
    {
        try
        {
            if (Volatile.Read(ref _disposed) != 0) return;
            string why = info.Exception is { } e ? $"{info.Type}: {e.GetType().Name}: {e.Message}" : info.Type.ToString();
            _target.Tell(new StreamDisconnected(_id, why), ActorRefs.NoSender);
        }
        catch (Exception)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var s in _subscriptions) s.Dispose();
        try
        {
            _client.Stop(WebSocketCloseStatus.NormalClosure, "closing").Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception)
        {
            // A socket that cannot close cleanly is dropped.
        }
        _client.Dispose();
    }
}
