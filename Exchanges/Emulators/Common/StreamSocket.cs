using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// One WebSocket connection of an emulator: frames to send go through a queue drained by one sender task (so the
/// venue never waits on a slow client, and a client too slow to keep up is dropped as the venues do), and text
/// messages are read one at a time with the venue's incoming-message limit.
/// </summary>
public sealed class StreamSocket
{
    private const int MaxMessageBytes = 64 * 1024;
    private readonly WebSocket _socket;
    private readonly Channel<(byte[] Frame, FrameFault Fault)> _out;
    private readonly int _maxIncomingPerSecond;
    private readonly CancellationTokenSource _abort = new();
    private long _windowStart = Environment.TickCount64;
    private int _inWindow;

    /// <summary>Wraps an accepted socket.</summary>
    /// <param name="socket">The accepted socket.</param>
    /// <param name="id">A number for the connection, unique in the emulator.</param>
    /// <param name="maxIncomingPerSecond">Incoming messages a second beyond which the connection is closed (0: no limit).</param>
    /// <param name="queueCapacity">Frames waiting to be sent beyond which the client counts as too slow and is dropped.</param>
    public StreamSocket(WebSocket socket, long id, int maxIncomingPerSecond, int queueCapacity = 100_000)
    {
        _socket = socket;
        Id = id;
        _maxIncomingPerSecond = maxIncomingPerSecond;
        _out = Channel.CreateBounded<(byte[], FrameFault)>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    /// <summary>The connection's number.</summary>
    public long Id { get; }

    /// <summary>Cancelled when the connection is dropped.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Queues a text frame; false if the connection is gone or its client too slow (it is then dropped).</summary>
    public bool Send(byte[] frame, FrameFault fault = FrameFault.None)
    {
        if (_abort.IsCancellationRequested) return false;
        if (_out.Writer.TryWrite((frame, fault))) return true;
        Abort();
        return false;
    }

    /// <summary>Sends a frame now, bypassing the fault rules (answers to requests).</summary>
    public bool Reply(string json) => Send(Encoding.UTF8.GetBytes(json));

    /// <summary>Drops the connection at once, without a close handshake (what a venue's dropped link looks like).</summary>
    public void Abort()
    {
        if (_abort.IsCancellationRequested) return;
        _abort.Cancel();
        _out.Writer.TryComplete();
        _socket.Abort();
    }

    /// <summary>Closes the connection with a close frame after the frames already queued.</summary>
    public void Close() => _out.Writer.TryComplete();

    /// <summary>Sends queued frames until the connection ends; a frame marked to be reordered goes after the next one.</summary>
    public async Task PumpAsync(CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _abort.Token);
        var token = linked.Token;
        byte[]? held = null;
        try
        {
            await foreach (var (frame, fault) in _out.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (fault == FrameFault.Reorder && held is null)
                {
                    held = frame;
                    continue;
                }
                await SendNow(frame, token).ConfigureAwait(false);
                if (fault == FrameFault.Duplicate) await SendNow(frame, token).ConfigureAwait(false);
                if (held is not null)
                {
                    await SendNow(held, token).ConfigureAwait(false);
                    held = null;
                }
            }
            if (held is not null) await SendNow(held, token).ConfigureAwait(false);
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            // The client went away or the connection was dropped on purpose.
        }
        finally
        {
            Abort();
        }
    }

    /// <summary>The next text message, or null when the connection has ended (or broke the incoming limit).</summary>
    public async Task<string?> ReceiveAsync(CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _abort.Token);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, linked.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes) { Abort(); return null; }
                if (!result.EndOfMessage) continue;
                if (!CountIncoming()) { Abort(); return null; }
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            return null;
        }
    }

    private bool CountIncoming()
    {
        if (_maxIncomingPerSecond <= 0) return true;
        long now = Environment.TickCount64;
        if (now - _windowStart >= 1000) { _windowStart = now; _inWindow = 0; }
        return ++_inWindow <= _maxIncomingPerSecond;
    }

    private ValueTask SendNow(byte[] frame, CancellationToken token) =>
        _socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, token);
}
