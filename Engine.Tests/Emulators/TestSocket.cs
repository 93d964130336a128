using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// A client WebSocket read by a background loop into a queue, so a test can wait for a frame with a time-out
/// (cancelling a <see cref="ClientWebSocket"/> receive would abort the socket).
/// </summary>
internal sealed class TestSocket
{
    private readonly ClientWebSocket _ws;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();

    private TestSocket(ClientWebSocket ws)
    {
        _ws = ws;
        _ = Task.Run(ReadLoop);
    }

    public static async Task<TestSocket> ConnectAsync(Uri uri)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(uri, CancellationToken.None);
        return new TestSocket(ws);
    }

    public WebSocketState State => _ws.State;

    public Task SendAsync(string json) => _ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next frame, or null on time-out or when the connection has ended.</summary>
    public async Task<JsonElement?> ReceiveAsync(int timeoutMs)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        try
        {
            return await _frames.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public void Abort() => _ws.Abort();

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var r = await _ws.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                _frames.Writer.TryWrite(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Dropped: the queue ends.
        }
        _frames.Writer.TryComplete();
    }
}
