using System.Buffers.Text;

namespace Hft.Backtest.Conversion.Tardis;

/// <summary>
/// The fields of one Tardis.dev CSV line (comma-separated, no quoting: Tardis writes none), found without copying.
/// A mutable struct kept by its reader: one line at a time.
/// </summary>
internal struct TardisCsvLine
{
    private readonly int[] _starts;
    private readonly int[] _lengths;

    public TardisCsvLine(int maxFields)
    {
        _starts = new int[maxFields];
        _lengths = new int[maxFields];
        Count = 0;
    }

    /// <summary>Fields in the line last split.</summary>
    public int Count { get; private set; }

    /// <summary>Splits <paramref name="line"/>; false if it has more fields than expected.</summary>
    public bool Split(ReadOnlySpan<byte> line)
    {
        int count = 0, start = 0;
        while (true)
        {
            int comma = line[start..].IndexOf((byte)',');
            int end = comma < 0 ? line.Length : start + comma;
            if (count == _starts.Length) return false;
            _starts[count] = start;
            _lengths[count] = end - start;
            count++;
            if (comma < 0) break;
            start = end + 1;
        }
        Count = count;
        return true;
    }

    public readonly ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int index) => line.Slice(_starts[index], _lengths[index]);

    public static bool TryInteger(ReadOnlySpan<byte> text, out long value) =>
        Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length && text.Length > 0;
}
