using System.Net.Sockets;
using System.Text;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// Server pings over a raw TCP socket (a <see cref="System.Net.WebSockets.ClientWebSocket"/> answers pings by
/// itself, so it cannot show them or stay silent): ping frames arrive at the configured interval, and a client
/// that never answers with a pong is dropped after the pong time-out.
/// </summary>
[TestFixture]
public sealed class BinanceFuturesKeepAliveTests
{
    [Test]
    public async Task The_server_pings_and_drops_a_client_that_never_pongs()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with
        {
            Host = o.Host with { PingInterval = TimeSpan.FromMilliseconds(300), PongTimeout = TimeSpan.FromMilliseconds(900) },
        });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", s.Emulator.Port);
        var stream = tcp.GetStream();
        string key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        string handshake = $"GET /public/ws HTTP/1.1\r\nHost: 127.0.0.1:{s.Emulator.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                           $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake));
        string head = await ReadHeadAsync(stream);
        Assert.That(head, Does.StartWith("HTTP/1.1 101"));

        var started = Environment.TickCount64;
        int pings = 0;
        bool closed = false;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (!closed)
            {
                var header = new byte[2];
                if (!await ReadExactlyAsync(stream, header, cts.Token)) { closed = true; break; }
                int opcode = header[0] & 0x0F;
                int length = header[1] & 0x7F;
                if (length == 126) { var ext = new byte[2]; await ReadExactlyAsync(stream, ext, cts.Token); length = ext[0] << 8 | ext[1]; }
                else if (length == 127) { var ext = new byte[8]; await ReadExactlyAsync(stream, ext, cts.Token); length = (int)ext[7]; }
                var payload = new byte[length];
                if (length > 0 && !await ReadExactlyAsync(stream, payload, cts.Token)) { closed = true; break; }
                if (opcode == 0x9) pings++;
                if (opcode == 0x8) closed = true;
            }
        }
        catch (IOException)
        {
            closed = true; // aborted by the server
        }
        long elapsed = Environment.TickCount64 - started;
        Assert.That(pings, Is.GreaterThanOrEqualTo(1), "ping frames, not unsolicited pongs");
        Assert.That(closed, Is.True);
        Assert.That(elapsed, Is.LessThan(8000), "dropped after the pong time-out, not at the test's deadline");
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0) break;
            bytes.Add(one[0]);
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    private static async Task<bool> ReadExactlyAsync(NetworkStream stream, byte[] buffer, CancellationToken cancel)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(read), cancel);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    [Test]
    public void The_host_refuses_any_address_but_loopback()
    {
        Assert.That(EmulatorHost.ParseLoopback("127.0.0.1").ToString(), Is.EqualTo("127.0.0.1"));
        Assert.Throws<ArgumentException>(() => EmulatorHost.ParseLoopback("0.0.0.0"));
        Assert.Throws<ArgumentException>(() => EmulatorHost.ParseLoopback("192.168.1.10"));
        Assert.Throws<ArgumentException>(() => EmulatorHost.ParseLoopback("::"));
    }
}
