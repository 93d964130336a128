using System.Buffers.Binary;
using System.Text;

namespace Hft.Core.Journal;

/// <summary>Writes a record's fields, little-endian, into a span; strings as a u16 byte count and UTF-8.</summary>
internal ref struct JournalPayloadWriter
{
    private readonly Span<byte> _buffer;

    public JournalPayloadWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        Position = 0;
    }

    public int Position { get; private set; }

    public void Byte(byte value) => _buffer[Position++] = value;

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer[Position..], value);
        Position += 4;
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], value);
        Position += 8;
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer[Position..], value);
        Position += 8;
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer[Position..], value);
        Position += 8;
    }

    public void Text(string? value)
    {
        value ??= "";
        // Longer texts (a venue's error message) are cut: the record must stay small.
        int count = Encoding.UTF8.GetBytes(value.AsSpan(0, Math.Min(value.Length, MaxTextChars)), _buffer[(Position + 2)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer[Position..], (ushort)count);
        Position += 2 + count;
    }

    /// <summary>A byte field: its length, then the bytes.</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer[Position..], value.Length);
        value.CopyTo(_buffer[(Position + 4)..]);
        Position += 4 + value.Length;
    }

    /// <summary>Characters of a text field kept (at most 3 bytes each in UTF-8).</summary>
    public const int MaxTextChars = 1000;

    /// <summary>The most bytes a text field takes.</summary>
    public const int MaxTextBytes = 2 + 3 * MaxTextChars;
}
