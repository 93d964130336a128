using System.Buffers.Binary;
using System.Text;

namespace Hft.Core.Journal;

/// <summary>Reads what <see cref="JournalPayloadWriter"/> wrote; a field past the end is a <see cref="FormatException"/>.</summary>
internal ref struct JournalPayloadReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private int _at;

    public JournalPayloadReader(ReadOnlySpan<byte> payload)
    {
        _payload = payload;
        _at = 0;
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (_at + n > _payload.Length) throw new FormatException($"a field ends past the record ({_payload.Length} bytes)");
        var span = _payload.Slice(_at, n);
        _at += n;
        return span;
    }

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string Text()
    {
        int count = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        return Encoding.UTF8.GetString(Take(count));
    }

    /// <summary>A byte field written by <see cref="JournalPayloadWriter.Bytes"/>.</summary>
    public byte[] Bytes()
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        if (count < 0) throw new FormatException($"a byte field of length {count}");
        return Take(count).ToArray();
    }
}
