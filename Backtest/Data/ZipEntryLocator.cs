using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Hft.Backtest.Data;

/// <summary>
/// Finds one entry of a zip archive and where its bytes lie in the file, by reading the central directory
/// (ZIP64 included) and the entry's local header.
/// </summary>
/// <remarks>
/// <see cref="System.IO.Compression.ZipArchive"/> can find entries but does not tell where an entry's data starts,
/// and we need that to read stored entries straight into the caller's buffer and to run our own
/// <see cref="System.IO.Compression.DeflateStream"/> over exactly the compressed range. Only what numpy's
/// <c>savez</c> / <c>savez_compressed</c> (Python's zipfile, with forced ZIP64 local headers) and .NET's ZipArchive
/// produce needs to work; encrypted and multi-disk archives are refused with a clear message.
/// </remarks>
internal static class ZipEntryLocator
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64EndOfCentralDirectorySignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int EndOfCentralDirectorySize = 22;
    private const int Zip64LocatorSize = 20;
    private const int Zip64EndOfCentralDirectorySize = 56;
    private const int CentralHeaderSize = 46;
    private const int LocalHeaderSize = 30;
    private const ushort Zip64ExtraId = 0x0001;

    /// <summary>Where an entry's data is and how to decode it.</summary>
    public readonly record struct Location(long DataOffset, long CompressedSize, long UncompressedSize, bool Deflated, uint Crc32);

    /// <summary>Locates <paramref name="entryName"/>; throws <see cref="EventFileException"/> if it cannot.</summary>
    public static Location Find(string path, SafeFileHandle file, long fileLength, string entryName)
    {
        var (cdOffset, cdSize, cdEntries) = ReadEndOfCentralDirectory(path, file, fileLength);
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > fileLength)
            throw Corrupt(path, "central directory lies outside the file");
        if (cdSize > 64L << 20)
            throw Corrupt(path, $"central directory is implausibly large ({cdSize} bytes)");

        byte[] cd = new byte[cdSize];
        ReadExactly(path, file, cd, cdOffset);

        var names = new List<string>();
        int pos = 0;
        for (long i = 0; i < cdEntries; i++)
        {
            if (pos + CentralHeaderSize > cd.Length || BinaryPrimitives.ReadUInt32LittleEndian(cd.AsSpan(pos)) != CentralHeaderSignature)
                throw Corrupt(path, $"central directory entry {i} is damaged");
            ReadOnlySpan<byte> h = cd.AsSpan(pos);
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]);
            ushort method = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(h[16..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(h[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
            long diskStart = BinaryPrimitives.ReadUInt16LittleEndian(h[34..]);
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(h[42..]);
            int next = pos + CentralHeaderSize + nameLength + extraLength + commentLength;
            if (next > cd.Length)
                throw Corrupt(path, $"central directory entry {i} is damaged");

            // Bit 11 says UTF-8; otherwise the name is CP437, which agrees with UTF-8 on the ASCII names numpy writes.
            string name = Encoding.UTF8.GetString(h.Slice(CentralHeaderSize, nameLength));
            names.Add(name);
            if (name == entryName)
            {
                ReadOnlySpan<byte> extra = h.Slice(CentralHeaderSize + nameLength, extraLength);
                ApplyZip64Extra(path, extra, ref uncompressed, ref compressed, ref localOffset, ref diskStart);
                if (diskStart != 0)
                    throw Corrupt(path, "multi-disk zip archives are not supported");
                if ((flags & 1) != 0)
                    throw new EventFileException(path, $"entry '{entryName}' is encrypted");
                if (method != 0 && method != 8)
                    throw new EventFileException(path, $"entry '{entryName}' uses compression method {method} (only stored and deflate are supported)");
                long dataOffset = ReadLocalHeader(path, file, fileLength, localOffset, entryName);
                if (dataOffset + compressed > fileLength)
                    throw new EventFileException(path, $"truncated: entry '{entryName}' runs past the end of the file");
                if (method == 0 && compressed != uncompressed)
                    throw Corrupt(path, $"stored entry '{entryName}' has compressed size {compressed} but size {uncompressed}");
                return new Location(dataOffset, compressed, uncompressed, method == 8, crc);
            }
            pos = next;
        }
        string list = names.Count == 0 ? "none" : string.Join(", ", names);
        throw new EventFileException(path, $"no entry '{entryName}' (entries: {list})");
    }

    private static (long Offset, long Size, long Entries) ReadEndOfCentralDirectory(string path, SafeFileHandle file, long fileLength)
    {
        // The end record sits at the very end, followed only by an archive comment of up to 65535 bytes.
        int tailLength = (int)Math.Min(fileLength, EndOfCentralDirectorySize + ushort.MaxValue);
        byte[] tail = new byte[tailLength];
        long tailStart = fileLength - tailLength;
        ReadExactly(path, file, tail, tailStart);

        int eocd = -1;
        for (int i = tailLength - EndOfCentralDirectorySize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectorySignature &&
                i + EndOfCentralDirectorySize + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20)) <= tailLength)
            {
                eocd = i;
                break;
            }
        }
        if (eocd < 0)
            throw new EventFileException(path, "not a zip archive (truncated or corrupt: end of central directory not found)");

        ReadOnlySpan<byte> e = tail.AsSpan(eocd);
        uint disk = BinaryPrimitives.ReadUInt16LittleEndian(e[4..]);
        uint cdDisk = BinaryPrimitives.ReadUInt16LittleEndian(e[6..]);
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(e[10..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(e[12..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(e[16..]);

        bool needsZip64 = entries == 0xFFFF || size == 0xFFFFFFFF || offset == 0xFFFFFFFF;
        long locatorAt = tailStart + eocd - Zip64LocatorSize;
        if (locatorAt >= 0)
        {
            byte[] locator = new byte[Zip64LocatorSize];
            ReadExactly(path, file, locator, locatorAt);
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) == Zip64LocatorSignature)
            {
                long zip64At = (long)BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
                if (zip64At < 0 || zip64At + Zip64EndOfCentralDirectorySize > fileLength)
                    throw Corrupt(path, "ZIP64 end of central directory lies outside the file");
                byte[] z = new byte[Zip64EndOfCentralDirectorySize];
                ReadExactly(path, file, z, zip64At);
                if (BinaryPrimitives.ReadUInt32LittleEndian(z) != Zip64EndOfCentralDirectorySignature)
                    throw Corrupt(path, "ZIP64 end of central directory is damaged");
                disk = BinaryPrimitives.ReadUInt32LittleEndian(z.AsSpan(16));
                cdDisk = BinaryPrimitives.ReadUInt32LittleEndian(z.AsSpan(20));
                entries = (long)BinaryPrimitives.ReadUInt64LittleEndian(z.AsSpan(32));
                size = (long)BinaryPrimitives.ReadUInt64LittleEndian(z.AsSpan(40));
                offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(z.AsSpan(48));
                needsZip64 = false;
            }
        }
        if (needsZip64)
            throw Corrupt(path, "ZIP64 end of central directory is missing");
        if (disk != 0 || cdDisk != 0)
            throw Corrupt(path, "multi-disk zip archives are not supported");
        return (offset, size, entries);
    }

    /// <summary>
    /// A ZIP64 extra field holds, in this order, only those of the four values whose 32/16-bit field is all ones.
    /// </summary>
    private static void ApplyZip64Extra(string path, ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed,
        ref long localOffset, ref long diskStart)
    {
        while (extra.Length >= 4)
        {
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + size > extra.Length) break;
            if (id == Zip64ExtraId)
            {
                ReadOnlySpan<byte> data = extra.Slice(4, size);
                if (uncompressed == 0xFFFFFFFF) uncompressed = Take64(path, ref data);
                if (compressed == 0xFFFFFFFF) compressed = Take64(path, ref data);
                if (localOffset == 0xFFFFFFFF) localOffset = Take64(path, ref data);
                if (diskStart == 0xFFFF)
                {
                    if (data.Length < 4) throw Corrupt(path, "ZIP64 extra field is too short");
                    diskStart = BinaryPrimitives.ReadUInt32LittleEndian(data);
                }
                return;
            }
            extra = extra[(4 + size)..];
        }
        if (uncompressed == 0xFFFFFFFF || compressed == 0xFFFFFFFF || localOffset == 0xFFFFFFFF)
            throw Corrupt(path, "ZIP64 extra field is missing");
    }

    private static long Take64(string path, ref ReadOnlySpan<byte> data)
    {
        if (data.Length < 8) throw Corrupt(path, "ZIP64 extra field is too short");
        long value = (long)BinaryPrimitives.ReadUInt64LittleEndian(data);
        if (value < 0) throw Corrupt(path, "ZIP64 size out of range");
        data = data[8..];
        return value;
    }

    /// <summary>Returns the file offset where the entry's data begins, right after its local header.</summary>
    private static long ReadLocalHeader(string path, SafeFileHandle file, long fileLength, long localOffset, string entryName)
    {
        if (localOffset < 0 || localOffset + LocalHeaderSize > fileLength)
            throw new EventFileException(path, $"truncated: local header of entry '{entryName}' lies past the end of the file");
        byte[] h = new byte[LocalHeaderSize];
        ReadExactly(path, file, h, localOffset);
        if (BinaryPrimitives.ReadUInt32LittleEndian(h) != LocalHeaderSignature)
            throw Corrupt(path, $"local header of entry '{entryName}' is damaged");
        // The local name and extra lengths may differ from the central ones (numpy/Python's zipfile puts a ZIP64
        // extra only in the local header), so the data offset must come from here.
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(26));
        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(28));
        return localOffset + LocalHeaderSize + nameLength + extraLength;
    }

    private static void ReadExactly(string path, SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer[done..], offset + done);
            if (n == 0) throw new EventFileException(path, "truncated: file ends inside the zip directory");
            done += n;
        }
    }

    private static EventFileException Corrupt(string path, string what) => new(path, $"corrupt zip archive ({what})");
}
