using System.Buffers.Binary;
using System.Numerics;

namespace Hft.Core.Journal;

/// <summary>
/// The journal file's layout. A header (<c>HFTJ</c>, format version 1, 4 reserved bytes), then records, each
/// <c>[u32 payload length][u32 CRC-32C of the payload][payload]</c>, little-endian; a payload starts with its
/// <see cref="JournalRecordKind"/> and the local time (i64 ns). A record cut short by a crash is detected by its
/// length or checksum; only the last record may be so (anything else is corruption).
/// </summary>
public static class JournalFormat
{
    /// <summary>Bytes of the file header.</summary>
    public const int HeaderSize = 12;

    /// <summary>Bytes before a record's payload.</summary>
    public const int RecordPrefixSize = 8;

    /// <summary>The largest payload a record may have (a longer length field is corruption, not a record).</summary>
    public const int MaxPayload = 64 * 1024;

    /// <summary>The format version this code writes and reads.</summary>
    public const ushort Version = 1;

    /// <summary>Writes the header into <paramref name="destination"/> (at least <see cref="HeaderSize"/> bytes).</summary>
    public static void WriteHeader(Span<byte> destination)
    {
        "HFTJ"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Version);
        destination[6..HeaderSize].Clear();
    }

    /// <summary>Null if <paramref name="header"/> is a journal header this code reads; otherwise what is wrong.</summary>
    public static string? CheckHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderSize || !header[..4].SequenceEqual("HFTJ"u8)) return "not a journal (no HFTJ header)";
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        return version == Version ? null : $"journal format version {version}; this engine reads version {Version}";
    }

    /// <summary>CRC-32C (Castagnoli) of <paramref name="data"/>, with the CPU's instruction where it has one.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8) crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++) crc = BitOperations.Crc32C(crc, data[i]);
        return ~crc;
    }
}
