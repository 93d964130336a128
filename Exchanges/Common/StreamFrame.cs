using System.Buffers;

namespace Hft.Exchanges.Common;

/// <summary>
/// One text frame from a venue's WebSocket, copied into a pooled buffer on the socket's thread and handed to the
/// gateway actor with its local receive time; the actor parses it on the core loop and returns the buffer.
/// </summary>
public sealed class StreamFrame
{
    private byte[]? _buffer;

    private StreamFrame(int stream, byte[] buffer, int length, long receivedAt)
    {
        Stream = stream;
        _buffer = buffer;
        Length = length;
        ReceivedAt = receivedAt;
    }

    /// <summary>Which of the gateway's streams it came from.</summary>
    public int Stream { get; }

    /// <summary>Byte count.</summary>
    public int Length { get; }

    /// <summary>Local receive time, ns since the Unix epoch.</summary>
    public long ReceivedAt { get; }

    /// <summary>The frame's UTF-8 bytes; empty once released.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer is null ? default : _buffer.AsSpan(0, Length);

    /// <summary>A frame holding a copy of <paramref name="bytes"/>.</summary>
    public static StreamFrame Copy(int stream, ReadOnlySpan<byte> bytes, long receivedAt)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return new StreamFrame(stream, buffer, bytes.Length, receivedAt);
    }

    /// <summary>Gives the buffer back to the pool; the frame is empty afterwards.</summary>
    public void Release()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }
}
