using System.IO.Compression;
using System.Runtime.InteropServices;
using Hft.Core.Markets;
using Microsoft.Win32.SafeHandles;

namespace Hft.Backtest.Data;

/// <summary>
/// Streams the rows of one hftbacktest event file: an <c>.npz</c> archive holding <c>data.npy</c> (deflated as
/// written by <c>np.savez_compressed</c>, or stored as written by <c>np.savez</c>) or a bare <c>.npy</c> file.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Open(string)"/> checks everything that can be checked without reading the rows: the zip directory, the NPY
/// magic, version (1.0 only), header keys, dtype, order, shape, and that the entry is exactly as long as the shape
/// says. <see cref="Read"/> then copies rows straight into the caller's buffer: stored data with positional file
/// reads, deflated data through one <see cref="DeflateStream"/>. Memory use does not depend on the file size.
/// </para>
/// <para>
/// For zip entries the CRC-32 from the zip directory is verified once the last row has been read (the framework
/// does not do this in .NET 10), so a corrupt file fails instead of yielding wrong prices.
/// </para>
/// <para>Every failure is reported as <see cref="EventFileException"/>. Not thread-safe.</para>
/// </remarks>
public sealed class EventFileReader : IDisposable
{
    /// <summary>The zip entry hftbacktest reads (<c>read_npz_file(path, "data")</c>).</summary>
    public const string EntryName = "data.npy";

    private readonly SafeFileHandle _file;
    private readonly NpyRecordLayout _layout;
    private readonly Stream? _inflater;
    private readonly bool _checkCrc;
    private readonly uint _expectedCrc;
    private uint _crc;
    private long _storedOffset;
    private long _rowsRead;
    private bool _disposed;
    private EventFileException? _fault;

    private EventFileReader(string path, SafeFileHandle file, NpyRecordLayout layout, Stream? inflater, long storedOffset, long count,
        bool checkCrc, uint expectedCrc, uint headerCrc, IReadOnlyList<string> warnings)
    {
        _layout = layout;
        Path = path;
        _file = file;
        _inflater = inflater;
        _storedOffset = storedOffset;
        Count = count;
        _checkCrc = checkCrc;
        _expectedCrc = expectedCrc;
        _crc = headerCrc;
        Warnings = warnings;
    }

    /// <summary>The path as given to <see cref="Open(string)"/>.</summary>
    public string Path { get; }

    /// <summary>Number of rows in the file, from its NPY header.</summary>
    public long Count { get; }

    /// <summary>Rows returned by <see cref="Read"/> so far.</summary>
    public long RowsRead => _rowsRead;

    /// <summary>True if the rows are deflate-compressed (<c>np.savez_compressed</c>).</summary>
    public bool IsCompressed => _inflater is not null;

    /// <summary>
    /// Things hftbacktest tolerates with a warning, such as a dtype field with the right type but another name.
    /// Empty for well-formed files.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and validates its container and header.
    /// A file starting with the NPY magic is read as bare <c>.npy</c>; anything else as a zip archive.
    /// </summary>
    /// <exception cref="EventFileException">The file is missing, unreadable, or not a valid event file.</exception>
    public static EventFileReader Open(string path) => Open(path, NpyRecordLayout.Event);

    /// <summary>Opens a file of another of hftbacktest's record types (for example order latencies).</summary>
    internal static EventFileReader Open(string path, NpyRecordLayout layout)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Event files are little-endian and are read without conversion.");

        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EventFileException(path, "no such file", e);
        }
        catch (Exception e) when ((e is UnauthorizedAccessException or IOException) && Directory.Exists(path))
        {
            throw new EventFileException(path, "is a directory, not a file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EventFileException(path, "permission denied", e);
        }
        catch (IOException e)
        {
            throw new EventFileException(path, $"cannot open ({e.Message})", e);
        }

        try
        {
            return OpenHandle(path, file, layout);
        }
        catch (Exception e)
        {
            file.Dispose();
            if (Wrap(path, e) is { } wrapped) throw wrapped;
            throw;
        }
    }

    /// <summary>Reads a whole (small) file into an array, e.g. an initial snapshot.</summary>
    /// <exception cref="EventFileException">The file is missing, unreadable, or not a valid event file.</exception>
    public static MarketEvent[] ReadAll(string path)
    {
        using var reader = Open(path);
        if (reader.Count > Array.MaxLength)
            throw new EventFileException(path, $"{reader.Count} rows do not fit in one array; stream the file instead");
        var rows = GC.AllocateUninitializedArray<MarketEvent>((int)reader.Count);
        int n = reader.Read(rows);
        if (n != rows.Length) throw new InvalidOperationException("reader returned fewer rows than its count");
        return rows;
    }

    private static EventFileReader OpenHandle(string path, SafeFileHandle file, NpyRecordLayout layout)
    {
        long length = RandomAccess.GetLength(file);
        if (length == 0) throw new EventFileException(path, "file is empty");

        Span<byte> prefix = stackalloc byte[NpyFormat.PrefixLength];
        int sniffed = ReadAt(file, prefix, 0);
        var warnings = new List<string>();

        if (sniffed >= NpyFormat.Magic.Length && prefix[..NpyFormat.Magic.Length].SequenceEqual(NpyFormat.Magic))
        {
            // Bare .npy: header, then raw rows to the end of the file.
            if (sniffed < NpyFormat.PrefixLength) throw new EventFileException(path, "truncated: NPY header is cut short");
            int headerLength = NpyFormat.ParsePrefix(path, prefix);
            long dataStart = NpyFormat.PrefixLength + headerLength;
            byte[] header = new byte[headerLength];
            if (ReadAt(file, header, NpyFormat.PrefixLength) < headerLength)
                throw new EventFileException(path, "truncated: NPY header is cut short");
            long count = NpyFormat.ParseHeader(path, header, warnings, layout);
            CheckDataSize(path, layout.RowSize, count, length - dataStart);
            return new EventFileReader(path, file, layout, null, dataStart, count, false, 0, 0, warnings);
        }
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            throw new EventFileException(path, $"not an NPY file (bad magic bytes {Convert.ToHexString(prefix[..Math.Min(sniffed, 6)])})");

        var entry = ZipEntryLocator.Find(path, file, length, EntryName);
        if (entry.UncompressedSize < NpyFormat.PrefixLength)
            throw new EventFileException(path, $"entry '{EntryName}' is too short to be an NPY array ({entry.UncompressedSize} bytes)");

        if (!entry.Deflated)
        {
            ReadAt(file, prefix, entry.DataOffset);
            int headerLength = NpyFormat.ParsePrefix(path, prefix);
            if (NpyFormat.PrefixLength + headerLength > entry.UncompressedSize)
                throw new EventFileException(path, "truncated: NPY header is cut short");
            byte[] header = new byte[headerLength];
            ReadAt(file, header, entry.DataOffset + NpyFormat.PrefixLength);
            long count = NpyFormat.ParseHeader(path, header, warnings, layout);
            CheckDataSize(path, layout.RowSize, count, entry.UncompressedSize - NpyFormat.PrefixLength - headerLength);
            uint crc = Crc32.Append(Crc32.Compute(prefix), header);
            return new EventFileReader(path, file, layout, null, entry.DataOffset + NpyFormat.PrefixLength + headerLength,
                count, true, entry.Crc32, crc, warnings);
        }
        else
        {
            var inflater = new DeflateStream(new FileRangeStream(file, entry.DataOffset, entry.CompressedSize), CompressionMode.Decompress);
            try
            {
                ReadFully(path, inflater, prefix, "NPY header is cut short");
                int headerLength = NpyFormat.ParsePrefix(path, prefix);
                if (NpyFormat.PrefixLength + headerLength > entry.UncompressedSize)
                    throw new EventFileException(path, "truncated: NPY header is cut short");
                byte[] header = new byte[headerLength];
                ReadFully(path, inflater, header, "NPY header is cut short");
                long count = NpyFormat.ParseHeader(path, header, warnings, layout);
                CheckDataSize(path, layout.RowSize, count, entry.UncompressedSize - NpyFormat.PrefixLength - headerLength);
                uint crc = Crc32.Append(Crc32.Compute(prefix), header);
                return new EventFileReader(path, file, layout, inflater, 0, count, true, entry.Crc32, crc, warnings);
            }
            catch
            {
                inflater.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Reads the next rows into <paramref name="destination"/>, filling it unless the file ends first.
    /// Returns the number of rows read; 0 once every row has been read. Allocates nothing.
    /// </summary>
    /// <exception cref="EventFileException">The data is truncated or corrupt, or the file cannot be read.</exception>
    public int Read(Span<MarketEvent> destination)
    {
        if (_layout != NpyRecordLayout.Event) throw new InvalidOperationException($"{Path} holds {_layout.Name} rows, not events.");
        return ReadRows(destination);
    }

    /// <summary>Reads rows of the file's record type; <typeparamref name="T"/> must have its exact layout.</summary>
    internal int ReadRows<T>(Span<T> destination) where T : unmanaged
    {
        if (System.Runtime.CompilerServices.Unsafe.SizeOf<T>() != _layout.RowSize)
            throw new InvalidOperationException($"{typeof(T).Name} is not the {_layout.RowSize}-byte {_layout.Name} record.");
        ObjectDisposedException.ThrowIf(_disposed, this);
        // After a failure the stream position is unknown; repeating the error beats returning misaligned rows.
        if (_fault is not null) throw _fault;
        try
        {
            return ReadCore(destination);
        }
        catch (EventFileException e)
        {
            _fault = e;
            throw;
        }
    }

    private int ReadCore<T>(Span<T> destination) where T : unmanaged
    {
        long remaining = Count - _rowsRead;
        if (remaining == 0 || destination.IsEmpty) return 0;
        int rows = (int)Math.Min(destination.Length, remaining);
        // The struct has hftbacktest's exact layout, so the file's bytes are the rows: no parsing, no copy.
        Span<byte> bytes = MemoryMarshal.AsBytes(destination[..rows]);
        int filled = 0;
        try
        {
            while (filled < bytes.Length)
            {
                int got;
                if (_inflater is not null)
                {
                    got = _inflater.Read(bytes[filled..]);
                }
                else
                {
                    got = RandomAccess.Read(_file, bytes[filled..], _storedOffset);
                    _storedOffset += got;
                }
                if (got == 0)
                    throw new EventFileException(Path, $"truncated: header says {Count} rows, data holds {_rowsRead + filled / _layout.RowSize}");
                filled += got;
            }
        }
        catch (Exception e) when (e is not EventFileException && Wrap(Path, e, _rowsRead + filled / _layout.RowSize) is { } wrapped)
        {
            throw wrapped;
        }

        if (_checkCrc) _crc = Crc32.Append(_crc, bytes);
        _rowsRead += rows;
        if (_rowsRead == Count) VerifyEnd();
        return rows;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _inflater?.Dispose();
        _file.Dispose();
    }

    private void VerifyEnd()
    {
        if (_inflater is not null)
        {
            // The zip directory said how long the entry is and the header agreed; more output means the compressed
            // stream does not belong to this directory entry.
            Span<byte> probe = stackalloc byte[1];
            int extra;
            try
            {
                extra = _inflater.Read(probe);
            }
            catch (Exception e) when (e is not EventFileException && Wrap(Path, e, _rowsRead) is { } wrapped)
            {
                throw wrapped;
            }
            if (extra != 0)
                throw new EventFileException(Path, $"corrupt: compressed data of '{EntryName}' is longer than its zip directory entry says");
        }
        if (_checkCrc && _crc != _expectedCrc)
            throw new EventFileException(Path, $"corrupt: CRC-32 of '{EntryName}' is {_crc:x8}, the zip directory says {_expectedCrc:x8}");
    }

    private static void CheckDataSize(string path, int rowSize, long count, long dataBytes)
    {
        long expected = count * rowSize;
        if (dataBytes < expected)
            throw new EventFileException(path, $"truncated: header says {count} rows, data holds {dataBytes / rowSize}");
        if (dataBytes > expected)
            throw new EventFileException(path, $"size mismatch: header says {count} rows, data holds {dataBytes} bytes ({dataBytes / rowSize} rows and {dataBytes % rowSize} bytes)");
    }

    private static int ReadAt(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer[done..], offset + done);
            if (n == 0) break;
            done += n;
        }
        return done;
    }

    private static void ReadFully(string path, Stream stream, Span<byte> buffer, string whatIfShort)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = stream.Read(buffer[done..]);
            if (n == 0) throw new EventFileException(path, "truncated: " + whatIfShort);
            done += n;
        }
    }

    /// <summary>Turns a framework failure into the one-line file error; null for exceptions that are bugs.</summary>
    private static EventFileException? Wrap(string path, Exception e, long? row = null)
    {
        string where = row is { } r ? $" near row {r}" : "";
        return e switch
        {
            InvalidDataException => new EventFileException(path, $"corrupt compressed data{where} ({e.Message})", e),
            UnauthorizedAccessException => new EventFileException(path, "permission denied", e),
            IOException => new EventFileException(path, $"read error{where} ({e.Message})", e),
            _ => null,
        };
    }
}
