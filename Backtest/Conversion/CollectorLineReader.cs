using System.IO.Compression;

namespace Hft.Backtest.Conversion;

/// <summary>
/// Streams the lines of one raw collector file (gzip text, one message per line) as UTF-8 byte spans, without
/// decoding them to strings: memory use is one buffer as large as the longest line (REST depth snapshots of 1000
/// levels per side are about 50 KB), whatever the file size.
/// </summary>
/// <remarks>
/// A file that does not start with the gzip magic bytes is read as plain text, so a decompressed recording works
/// too (hftbacktest's converter only opens gzip files). Concatenated gzip members are read as one stream, as
/// <c>gzip.open</c> does. A last line without a newline is still returned, as Python's <c>readline</c> does.
/// Every read failure is reported as <see cref="CollectorFormatException"/> naming the file and the last line read.
/// </remarks>
public sealed class CollectorLineReader : IDisposable
{
    private const int InitialBufferSize = 1 << 20;

    private readonly FileStream _file;
    private readonly Stream _text;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="CollectorFormatException">The file cannot be opened.</exception>
    public CollectorLineReader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        try
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot open ({e.Message})";
            throw new CollectorFormatException(path, 0, problem, e);
        }
        Length = _file.Length;
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int got = _file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            _file.Position = 0;
            bool gzip = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            IsGzip = gzip;
            _text = gzip ? new GZipStream(_file, CompressionMode.Decompress, leaveOpen: true) : _file;
        }
        catch (IOException e)
        {
            _file.Dispose();
            throw new CollectorFormatException(path, 0, $"read error ({e.Message})", e);
        }
    }

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    /// <summary>Size of the file on disk (compressed bytes for a gzip file).</summary>
    public long Length { get; }

    /// <summary>True if the file is gzip-compressed.</summary>
    public bool IsGzip { get; }

    /// <summary>
    /// Bytes of the file consumed so far (compressed bytes for a gzip file). It runs a little ahead of the lines
    /// returned, by the decompressor's and this reader's buffers; it is meant for progress display.
    /// </summary>
    public long Position => _file.Position;

    /// <summary>1-based number of the line last returned by <see cref="TryReadLine"/> (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Returns the next line without its line ending (<c>\n</c> or <c>\r\n</c>). The span is valid until the next
    /// call. Returns false at the end of the file.
    /// </summary>
    /// <exception cref="CollectorFormatException">The file cannot be read or its gzip data is corrupt.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int searched = 0;
        while (true)
        {
            int newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int length = searched + newline;
                line = TrimCarriageReturn(_buffer.AsSpan(_start, length));
                _start += length + 1;
                LineNumber++;
                return true;
            }
            searched = _end - _start;
            if (_endOfStream)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                LineNumber++;
                return true;
            }
            Fill();
        }
    }

    /// <summary>Moves the unread part to the front (growing the buffer if one line fills it) and reads more.</summary>
    private void Fill()
    {
        int pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= Array.MaxLength / 2)
                throw new CollectorFormatException(Path, LineNumber + 1, "line is too long (over 1 GB without a newline)");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int read;
        try
        {
            read = _text.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            throw new CollectorFormatException(Path, 0, $"corrupt gzip data after line {LineNumber} ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new CollectorFormatException(Path, 0, $"read error after line {LineNumber} ({e.Message})", e);
        }
        if (read == 0) _endOfStream = true;
        _end += read;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <inheritdoc />
    public void Dispose()
    {
        if (!ReferenceEquals(_text, _file)) _text.Dispose();
        _file.Dispose();
    }
}
