using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;
using Hft.Core.Time;

namespace Hft.Backtest.Reports;

/// <summary>
/// Writes text rows as UTF-8 into a fixed buffer that is flushed to a stream when full: numbers and times are
/// formatted straight into the buffer, so a row costs no allocation. Numbers use the invariant culture and the
/// shortest round-trip form, so the same values always give the same bytes.
/// </summary>
public sealed class Utf8RowWriter : IDisposable
{
    private const int Reserve = 256;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _buffer;
    private int _used;

    /// <summary>Writes to <paramref name="stream"/>; disposes it with the writer if <paramref name="ownsStream"/>.</summary>
    public Utf8RowWriter(Stream stream, bool ownsStream = true, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _buffer = new byte[Math.Max(bufferSize, Reserve * 2)];
    }

    /// <summary>Bytes written so far (flushed or not).</summary>
    public long BytesWritten { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Span<byte> Free(int atLeast)
    {
        if (_buffer.Length - _used < atLeast) Flush();
        return _buffer.AsSpan(_used);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Advance(int n)
    {
        _used += n;
        BytesWritten += n;
    }

    /// <summary>An ASCII character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter Char(char c)
    {
        Free(1)[0] = (byte)c;
        Advance(1);
        return this;
    }

    /// <summary>Bytes already encoded as UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter Bytes(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _buffer.Length - Reserve)
        {
            Flush();
            _stream.Write(utf8);
            BytesWritten += utf8.Length;
            return this;
        }
        utf8.CopyTo(Free(utf8.Length));
        Advance(utf8.Length);
        return this;
    }

    /// <summary>Text, encoded as UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter Text(ReadOnlySpan<char> text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > _buffer.Length - Reserve)
        {
            Flush();
            var bytes = Encoding.UTF8.GetBytes(text.ToArray());
            _stream.Write(bytes);
            BytesWritten += bytes.Length;
            return this;
        }
        Advance(Encoding.UTF8.GetBytes(text, Free(max)));
        return this;
    }

    /// <summary>An integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter Long(long value)
    {
        value.TryFormat(Free(24), out int n, default, C);
        Advance(n);
        return this;
    }

    /// <summary>An unsigned integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter ULong(ulong value)
    {
        value.TryFormat(Free(24), out int n, default, C);
        Advance(n);
        return this;
    }

    /// <summary>A number in shortest round-trip form (<c>NaN</c> and <c>Infinity</c> as .NET spells them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter Double(double value)
    {
        DecimalFormat.TryFormat(value, Free(40), out int n);
        Advance(n);
        return this;
    }

    /// <summary>
    /// A number in shortest round-trip form, taken from <paramref name="cache"/> when it holds the same value (for
    /// columns that rarely change, such as a balance between fills).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter Double(double value, ref FormattedNumber cache)
    {
        if (cache.Bytes is null || BitConverter.DoubleToInt64Bits(value) != cache.Bits)
        {
            cache.Bytes ??= new byte[40];
            DecimalFormat.TryFormat(value, cache.Bytes, out cache.Length);
            cache.Bits = BitConverter.DoubleToInt64Bits(value);
        }
        return Bytes(cache.Bytes.AsSpan(0, cache.Length));
    }

    /// <summary>A number in shortest round-trip form, or nothing when it is NaN or infinite (an empty CSV field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter DoubleOrEmpty(double value) => double.IsFinite(value) ? Double(value) : this;

    /// <summary>A timestamp as ISO-8601 UTC with nanoseconds, exactly as <see cref="Nanos.Format"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter IsoTime(long nanos)
    {
        var span = Free(48);
        if (nanos < 0)
        {
            DecimalFormat.TryFormatIso(nanos, span, out int n);
            Advance(n);
            return this;
        }
        // Rows come in time order, so many share their second: its "yyyy-MM-ddTHH:mm:ss." is formatted once.
        long second = nanos / Nanos.PerSecond;
        if (second != _isoSecond)
        {
            DecimalFormat.TryFormatIso(second * Nanos.PerSecond, _isoPrefix, out _);
            _isoSecond = second;
        }
        _isoPrefix.AsSpan(0, 20).CopyTo(span);
        DecimalFormat.Digits9(span.Slice(20, 9), (int)(nanos - second * Nanos.PerSecond));
        span[29] = (byte)'Z';
        Advance(30);
        return this;
    }

    private long _isoSecond = long.MinValue;
    private readonly byte[] _isoPrefix = new byte[32];

    /// <summary>Ends a row with a line feed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Utf8RowWriter EndRow() => Char('\n');

    /// <summary>Writes the buffered bytes to the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Flush()
    {
        if (_used == 0) return;
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    /// <summary>Flushes, then closes the stream if the writer owns it.</summary>
    public void Dispose()
    {
        try
        {
            Flush();
            _stream.Flush();
        }
        finally
        {
            if (_ownsStream) _stream.Dispose();
        }
    }
}

/// <summary>The last number a column wrote and its bytes (see <see cref="Utf8RowWriter.Double(double, ref FormattedNumber)"/>).</summary>
public struct FormattedNumber
{
    internal long Bits;
    internal byte[]? Bytes;
    internal int Length;
}
