using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Data;

/// <summary>Builders for event rows and for hand-made (possibly broken) NPY / NPZ files.</summary>
internal static class DataFiles
{
    public const string EventDescr =
        "[('ev', '<u8'), ('exch_ts', '<i8'), ('local_ts', '<i8'), ('px', '<f8'), ('qty', '<f8'), ('order_id', '<u8'), ('ival', '<i8'), ('fval', '<f8')]";

    /// <summary>Rows whose every field differs from row to row (so any shift or swap shows), with edge values mixed in.</summary>
    public static MarketEvent[] Rows(int count, long salt = 0)
    {
        var rows = new MarketEvent[count];
        for (int i = 0; i < count; i++)
        {
            long k = i + salt * 1_000_003;
            double px = (k % 97) switch
            {
                0 => double.NaN,
                1 => -0.0,
                2 => double.PositiveInfinity,
                _ => 60000 + k * 0.1,
            };
            rows[i] = new MarketEvent(
                flags: EventFlags.Both | (k % 2 == 0 ? EventFlags.Buy : EventFlags.Sell) | (ulong)(k % 5),
                exchangeTime: 1_723_075_200_000_000_000 + k * 1000,
                localTime: 1_723_075_200_000_000_000 + k * 1000 + 1_500_000,
                price: px,
                quantity: (k % 11) * 0.001,
                orderId: k % 13 == 0 ? ulong.MaxValue : (ulong)k,
                intValue: -k,
                floatValue: k / 3.0);
        }
        return rows;
    }

    /// <summary>An NPY file image: prefix, header text padded numpy-style to 64 bytes, then data.</summary>
    public static byte[] Npy(string headerDict, ReadOnlySpan<byte> data, byte major = 1, byte minor = 0, bool align = true)
    {
        string text = headerDict;
        int total = 10 + text.Length + 1;
        if (align && total % 64 != 0) text += new string(' ', 64 - total % 64);
        text += "\n";
        var bytes = new byte[10 + text.Length + data.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY", bytes.AsSpan(1));
        bytes[6] = major;
        bytes[7] = minor;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(10));
        data.CopyTo(bytes.AsSpan(10 + text.Length));
        return bytes;
    }

    /// <summary>A header dict as numpy writes it, with replaceable parts.</summary>
    public static string Header(string descr = EventDescr, string fortran = "False", string shape = "(3,)") =>
        $"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}";

    /// <summary>Raw bytes of rows.</summary>
    public static byte[] Bytes(ReadOnlySpan<MarketEvent> rows) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows).ToArray();

    /// <summary>Writes a zip with the given entries.</summary>
    public static void Zip(string path, params (string Name, byte[] Content, bool Compress)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content, compress) in entries)
        {
            var entry = zip.CreateEntry(name, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            using var s = entry.Open();
            s.Write(content);
        }
    }

    /// <summary>
    /// A one-entry zip built by hand, so the directory can state any sizes and CRC (for example a deflate stream cut
    /// short while the directory still promises the full size). With <paramref name="zip64"/> every size and offset
    /// goes through ZIP64 extra fields and a ZIP64 end of central directory, as for entries over 4 GiB.
    /// </summary>
    public static byte[] RawZip(string name, bool deflated, byte[] payload, uint crc, long uncompressedSize, bool zip64 = false)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        ushort method = (ushort)(deflated ? 8 : 0);
        uint size32 = zip64 ? 0xFFFFFFFF : (uint)uncompressedSize;
        uint csize32 = zip64 ? 0xFFFFFFFF : (uint)payload.Length;
        w.Write(0x04034b50u);
        w.Write((ushort)45); w.Write((ushort)0); w.Write(method); w.Write((ushort)0); w.Write((ushort)0x21);
        w.Write(crc); w.Write(csize32); w.Write(size32);
        w.Write((ushort)nameBytes.Length); w.Write((ushort)(zip64 ? 20 : 0));
        w.Write(nameBytes);
        if (zip64)
        {
            w.Write((ushort)1); w.Write((ushort)16); w.Write(uncompressedSize); w.Write((long)payload.Length);
        }
        w.Write(payload);
        long cdStart = ms.Position;
        w.Write(0x02014b50u);
        w.Write((ushort)45); w.Write((ushort)45); w.Write((ushort)0); w.Write(method); w.Write((ushort)0); w.Write((ushort)0x21);
        w.Write(crc); w.Write(csize32); w.Write(size32);
        w.Write((ushort)nameBytes.Length); w.Write((ushort)(zip64 ? 28 : 0)); w.Write((ushort)0);
        w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(zip64 ? 0xFFFFFFFF : 0u);
        w.Write(nameBytes);
        if (zip64)
        {
            w.Write((ushort)1); w.Write((ushort)24); w.Write(uncompressedSize); w.Write((long)payload.Length); w.Write(0L);
        }
        long cdEnd = ms.Position;
        if (zip64)
        {
            long zip64End = ms.Position;
            w.Write(0x06064b50u); w.Write(44L); w.Write((ushort)45); w.Write((ushort)45);
            w.Write(0u); w.Write(0u); w.Write(1L); w.Write(1L); w.Write(cdEnd - cdStart); w.Write(cdStart);
            w.Write(0x07064b50u); w.Write(0u); w.Write(zip64End); w.Write(1u);
        }
        w.Write(0x06054b50u);
        w.Write((ushort)0); w.Write((ushort)0);
        w.Write((ushort)(zip64 ? 0xFFFF : 1)); w.Write((ushort)(zip64 ? 0xFFFF : 1));
        w.Write(zip64 ? 0xFFFFFFFF : (uint)(cdEnd - cdStart)); w.Write(zip64 ? 0xFFFFFFFF : (uint)cdStart); w.Write((ushort)0);
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>Raw deflate of <paramref name="data"/>, as a zip entry holds it.</summary>
    public static byte[] Deflate(byte[] data)
    {
        var ms = new MemoryStream();
        using (var d = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true)) d.Write(data);
        return ms.ToArray();
    }
}
