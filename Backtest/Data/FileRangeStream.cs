using Microsoft.Win32.SafeHandles;

namespace Hft.Backtest.Data;

/// <summary>
/// A read-only, forward-only stream over one byte range of a file, read with positional reads.
/// </summary>
/// <remarks>
/// It feeds <see cref="System.IO.Compression.DeflateStream"/> exactly the compressed bytes of one zip entry: the
/// inflater then sees end-of-input at the entry's end (so a lying size shows up as truncation rather than as
/// garbage from the next zip structure). Reads go to the OS in blocks of <see cref="BlockSize"/> so the
/// inflater's small requests do not each become a system call.
/// </remarks>
internal sealed class FileRangeStream : Stream
{
    private const int BlockSize = 1 << 16;

    private readonly SafeFileHandle _file;
    private readonly long _end;
    private readonly byte[] _block = new byte[BlockSize];
    private long _next;
    private int _blockPos;
    private int _blockLength;

    public FileRangeStream(SafeFileHandle file, long offset, long length)
    {
        _file = file;
        _next = offset;
        _end = offset + length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (_blockPos == _blockLength)
        {
            long left = _end - _next;
            if (left <= 0) return 0;
            int want = (int)Math.Min(BlockSize, left);
            int got = RandomAccess.Read(_file, _block.AsSpan(0, want), _next);
            if (got == 0) return 0; // the file shrank under us; the reader reports truncation
            _next += got;
            _blockPos = 0;
            _blockLength = got;
        }
        int n = Math.Min(buffer.Length, _blockLength - _blockPos);
        _block.AsSpan(_blockPos, n).CopyTo(buffer);
        _blockPos += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
