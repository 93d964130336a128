namespace Hft.Core.Books;

/// <summary>
/// Quantities of one book side indexed by integer price tick: a flat array over a window of ticks that
/// grows (re-centred) when a price falls outside it. Lookups and updates are an index computation.
/// </summary>
internal sealed class TickLadder
{
    private const long MaxSpan = 1L << 25;
    private double[] _qty = [];
    private long _base;

    public double Get(long tick)
    {
        ulong i = (ulong)(tick - _base);
        return i < (ulong)_qty.Length ? _qty[i] : 0.0;
    }

    public void Set(long tick, double quantity)
    {
        ulong i = (ulong)(tick - _base);
        if (i >= (ulong)_qty.Length)
        {
            if (quantity == 0) return;
            Grow(tick);
            i = (ulong)(tick - _base);
        }
        _qty[i] = quantity;
    }

    /// <summary>Sets every tick in [from, to] to zero.</summary>
    public void ClearRange(long from, long to)
    {
        long lo = Math.Max(from, _base);
        long hi = Math.Min(to, _base + _qty.Length - 1);
        if (lo <= hi) Array.Clear(_qty, (int)(lo - _base), (int)(hi - lo + 1));
    }

    public void ClearAll() => Array.Clear(_qty);

    /// <summary>The highest tick in [low, from] with a positive quantity, or <paramref name="none"/>.</summary>
    public long ScanDown(long from, long low, long none)
    {
        long hi = Math.Min(from, _base + _qty.Length - 1);
        long lo = Math.Max(low, _base);
        var q = _qty;
        for (long t = hi; t >= lo; t--)
        {
            if (q[t - _base] > 0) return t;
        }
        return none;
    }

    /// <summary>The lowest tick in [from, high] with a positive quantity, or <paramref name="none"/>.</summary>
    public long ScanUp(long from, long high, long none)
    {
        long lo = Math.Max(from, _base);
        long hi = Math.Min(high, _base + _qty.Length - 1);
        var q = _qty;
        for (long t = lo; t <= hi; t++)
        {
            if (q[t - _base] > 0) return t;
        }
        return none;
    }

    private void Grow(long tick)
    {
        if (_qty.Length == 0)
        {
            _qty = new double[8192];
            _base = tick - 4096;
            return;
        }
        long lo = Math.Min(_base, tick);
        long hi = Math.Max(_base + _qty.Length - 1, tick);
        long span = hi - lo + 1;
        long size = Math.Max(_qty.Length * 2L, span + span / 2);
        if (size > MaxSpan)
            throw new InvalidOperationException(
                $"Book window would span {span} ticks (tick {tick}); more than {MaxSpan} ticks is not supported: check the tick size.");
        long newBase = lo - (size - span) / 2;
        var bigger = new double[size];
        Array.Copy(_qty, 0, bigger, _base - newBase, _qty.Length);
        _qty = bigger;
        _base = newBase;
    }
}
