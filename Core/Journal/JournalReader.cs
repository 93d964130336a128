using System.Buffers.Binary;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Risk;

namespace Hft.Core.Journal;

/// <summary>
/// Reads a journal back. The last record may be torn (the process died while writing it): it is reported in
/// <see cref="JournalContents.TornTailAt"/> and left out. Any other damage (a bad header, a checksum or length that
/// fails before the last record, a record that does not parse) is a <see cref="JournalCorruptedException"/> naming the
/// file and the byte: a journal is never silently read as emptier than it was.
/// </summary>
public static class JournalReader
{
    /// <summary>The contents of <paramref name="path"/> (which must exist).</summary>
    public static JournalContents Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) return new JournalContents { Path = path, Entries = [], ValidLength = 0, WasEmpty = true };
        if (bytes.Length < JournalFormat.HeaderSize)
            return new JournalContents
            {
                Path = path, Entries = [], ValidLength = 0, TornTailAt = 0,
                TornTailReason = $"the header is cut short ({bytes.Length} of {JournalFormat.HeaderSize} bytes)",
            };
        if (JournalFormat.CheckHeader(bytes) is { } bad) throw new JournalCorruptedException(path, 0, bad);
        var entries = new List<JournalEntry>();
        long at = JournalFormat.HeaderSize;
        while (at < bytes.Length)
        {
            long left = bytes.Length - at;
            if (left < JournalFormat.RecordPrefixSize) return Torn(path, entries, at, $"{left} bytes where a record's 8-byte prefix should be");
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at));
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at + 4));
            long end = at + JournalFormat.RecordPrefixSize + length;
            if (length == 0 || length > JournalFormat.MaxPayload)
            {
                // A crash can leave zeros after the last record (the file grew before the data landed); anything else is damage.
                if (AllZero(bytes.AsSpan((int)at))) return Torn(path, entries, at, "zeros after the last record");
                throw new JournalCorruptedException(path, at, $"record length {length} (expected 1 to {JournalFormat.MaxPayload})");
            }
            if (end > bytes.Length) return Torn(path, entries, at, $"the record needs {length} bytes, {left - JournalFormat.RecordPrefixSize} are there");
            var payload = bytes.AsSpan((int)(at + JournalFormat.RecordPrefixSize), (int)length);
            if (JournalFormat.Crc32C(payload) != crc)
            {
                if (end == bytes.Length) return Torn(path, entries, at, "the last record's checksum does not match");
                throw new JournalCorruptedException(path, at, "checksum mismatch in a record that is not the last");
            }
            try
            {
                entries.Add(Parse(at, payload));
            }
            catch (FormatException e)
            {
                throw new JournalCorruptedException(path, at, "a record that does not parse: " + e.Message);
            }
            at = end;
        }
        return new JournalContents { Path = path, Entries = entries, ValidLength = at };
    }

    private static bool AllZero(ReadOnlySpan<byte> rest) => rest.IndexOfAnyExcept((byte)0) < 0;

    private static JournalContents Torn(string path, List<JournalEntry> entries, long at, string why) =>
        new() { Path = path, Entries = entries, ValidLength = at, TornTailAt = at, TornTailReason = why };

    private static JournalEntry Parse(long offset, ReadOnlySpan<byte> payload)
    {
        var r = new JournalPayloadReader(payload);
        var kind = (JournalRecordKind)r.Byte();
        long time = r.Int64();
        return kind switch
        {
            JournalRecordKind.Order => new JournalOrderEntry(offset, time, r.Int32(), r.UInt64(), (Side)unchecked((sbyte)r.Byte()), (OrderStatus)r.Byte(), (OrderRequest)r.Byte(),
                (TimeInForce)r.Byte(), (OrderType)r.Byte(), r.Int64(), r.Double(), r.Double(), r.Double(), r.Int64(), r.Text()),
            JournalRecordKind.Fill => new JournalFillEntry(offset, time, r.Int32(), r.UInt64(), (Side)unchecked((sbyte)r.Byte()), r.Double(), r.Double(), r.Double(), r.Byte() != 0,
                r.Int64(), r.Double()),
            JournalRecordKind.TradingState => new JournalTradingStateEntry(offset, time, (TradingState)r.Byte(), r.Text(), r.Text()),
            JournalRecordKind.SessionStart => new JournalSessionEntry(offset, time, true, r.Text()),
            JournalRecordKind.SessionStop => new JournalSessionEntry(offset, time, false, r.Text()),
            JournalRecordKind.ClientOrder => new JournalClientOrderEntry(offset, time, r.Int32(), r.UInt64(), r.Text()),
            JournalRecordKind.StrategySnapshot => new JournalStrategySnapshotEntry(offset, time, r.Text(), r.Bytes()),
            JournalRecordKind.PositionAdjusted => new JournalPositionAdjustedEntry(offset, time, r.Int32(), r.Double(), r.Double(), r.Text()),
            _ => throw new FormatException($"unknown record kind {(byte)kind}"),
        };
    }
}
