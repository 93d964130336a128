using System.Runtime.CompilerServices;
using Hft.Core.Markets;

namespace Hft.Backtest.Recording;

/// <summary>
/// One time bucket of a chart: the first and last sample times, and the minimum, maximum and last value of
/// each series in it (NaN when the bucket has none), plus the fills it holds. Keeping min and max lets a
/// chart of a long run at a few hundred points still show every spike.
/// </summary>
public struct ChartBucket
{
    /// <summary>Bucket index at the series' current width.</summary>
    public long Index;
    /// <summary>Time of the first sample or fill in the bucket.</summary>
    public long FirstTime;
    /// <summary>Time of the last sample or fill in the bucket.</summary>
    public long LastTime;
    /// <summary>Lowest mark price.</summary>
    public double PriceMin;
    /// <summary>Highest mark price.</summary>
    public double PriceMax;
    /// <summary>Last mark price.</summary>
    public double PriceLast;
    /// <summary>Lowest equity.</summary>
    public double EquityMin;
    /// <summary>Highest equity.</summary>
    public double EquityMax;
    /// <summary>Last equity.</summary>
    public double EquityLast;
    /// <summary>Deepest drawdown (≤ 0, equity minus its running peak).</summary>
    public double DrawdownMin;
    /// <summary>Last drawdown.</summary>
    public double DrawdownLast;
    /// <summary>Lowest position.</summary>
    public double PositionMin;
    /// <summary>Highest position.</summary>
    public double PositionMax;
    /// <summary>Last position.</summary>
    public double PositionLast;
    /// <summary>Quantity bought.</summary>
    public double BuyQuantity;
    /// <summary>Sum of price × quantity bought (for the average buy price).</summary>
    public double BuyNotional;
    /// <summary>Quantity sold.</summary>
    public double SellQuantity;
    /// <summary>Sum of price × quantity sold.</summary>
    public double SellNotional;
    /// <summary>Buy fills.</summary>
    public int Buys;
    /// <summary>Sell fills.</summary>
    public int Sells;

    /// <summary>Average price of the buys in the bucket; NaN without buys.</summary>
    public readonly double BuyPrice => BuyQuantity > 0 ? BuyNotional / BuyQuantity : double.NaN;

    /// <summary>Average price of the sells in the bucket; NaN without sells.</summary>
    public readonly double SellPrice => SellQuantity > 0 ? SellNotional / SellQuantity : double.NaN;

    internal static ChartBucket Empty(long index, long time) => new()
    {
        Index = index,
        FirstTime = time,
        LastTime = time,
        PriceMin = double.NaN, PriceMax = double.NaN, PriceLast = double.NaN,
        EquityMin = double.NaN, EquityMax = double.NaN, EquityLast = double.NaN,
        DrawdownMin = double.NaN, DrawdownLast = double.NaN,
        PositionMin = double.NaN, PositionMax = double.NaN, PositionLast = double.NaN,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Merge(in ChartBucket later)
    {
        LastTime = later.LastTime;
        Combine(ref PriceMin, ref PriceMax, ref PriceLast, later.PriceMin, later.PriceMax, later.PriceLast);
        Combine(ref EquityMin, ref EquityMax, ref EquityLast, later.EquityMin, later.EquityMax, later.EquityLast);
        double unusedMax = double.NaN;
        Combine(ref DrawdownMin, ref unusedMax, ref DrawdownLast, later.DrawdownMin, double.NaN, later.DrawdownLast);
        Combine(ref PositionMin, ref PositionMax, ref PositionLast, later.PositionMin, later.PositionMax, later.PositionLast);
        BuyQuantity += later.BuyQuantity;
        BuyNotional += later.BuyNotional;
        SellQuantity += later.SellQuantity;
        SellNotional += later.SellNotional;
        Buys += later.Buys;
        Sells += later.Sells;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Observe(ref double min, ref double max, ref double last, double value)
    {
        if (double.IsNaN(value)) return;
        if (double.IsNaN(min) || value < min) min = value;
        if (double.IsNaN(max) || value > max) max = value;
        last = value;
    }

    private static void Combine(ref double min, ref double max, ref double last, double otherMin, double otherMax, double otherLast)
    {
        if (!double.IsNaN(otherMin) && (double.IsNaN(min) || otherMin < min)) min = otherMin;
        if (!double.IsNaN(otherMax) && (double.IsNaN(max) || otherMax > max)) max = otherMax;
        if (!double.IsNaN(otherLast)) last = otherLast;
    }
}

/// <summary>
/// A bounded, downsampled copy of a recorded series for the report's charts. Samples fall into buckets of
/// equal width from the first sample; when the buckets would exceed the capacity, neighbours merge in pairs
/// and the width doubles, so memory is fixed (<c>capacity</c> buckets) whatever the run's length, and no
/// spike is lost (each bucket keeps its min and max).
/// </summary>
public sealed class ChartSeries
{
    private readonly ChartBucket[] _buckets;
    private int _count;
    private long _origin;
    private long _width;
    private bool _started;

    /// <summary>Creates an empty series of at most <paramref name="capacity"/> buckets, starting <paramref name="initialWidth"/> ns wide.</summary>
    public ChartSeries(int capacity, long initialWidth)
    {
        if (capacity < 2) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A chart needs at least two buckets.");
        if (initialWidth <= 0) throw new ArgumentOutOfRangeException(nameof(initialWidth), initialWidth, "The bucket width must be positive.");
        _buckets = new ChartBucket[capacity];
        _width = initialWidth;
    }

    /// <summary>Buckets in use.</summary>
    public int Count => _count;

    /// <summary>Current bucket width in nanoseconds.</summary>
    public long Width => _width;

    /// <summary>Adds a sample; NaN values are left out of their series.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long time, double price, double equity, double drawdown, double position)
    {
        ref var b = ref BucketFor(time);
        b.LastTime = time;
        ChartBucket.Observe(ref b.PriceMin, ref b.PriceMax, ref b.PriceLast, price);
        ChartBucket.Observe(ref b.EquityMin, ref b.EquityMax, ref b.EquityLast, equity);
        double unusedMax = double.NaN;
        ChartBucket.Observe(ref b.DrawdownMin, ref unusedMax, ref b.DrawdownLast, drawdown);
        ChartBucket.Observe(ref b.PositionMin, ref b.PositionMax, ref b.PositionLast, position);
    }

    /// <summary>Adds a fill marker.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddFill(long time, Side side, double price, double quantity)
    {
        ref var b = ref BucketFor(time);
        b.LastTime = time;
        if (side == Side.Buy)
        {
            b.Buys++;
            b.BuyQuantity += quantity;
            b.BuyNotional += price * quantity;
        }
        else
        {
            b.Sells++;
            b.SellQuantity += quantity;
            b.SellNotional += price * quantity;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ref ChartBucket BucketFor(long time)
    {
        if (!_started)
        {
            _started = true;
            _origin = time;
        }
        long index = time <= _origin ? 0 : (time - _origin) / _width;
        while (index >= _buckets.Length)
        {
            Compact();
            index = (time - _origin) / _width;
        }
        if (_count > 0 && _buckets[_count - 1].Index >= index) return ref _buckets[_count - 1];
        _buckets[_count] = ChartBucket.Empty(index, time);
        return ref _buckets[_count++];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compact()
    {
        _width *= 2;
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            var b = _buckets[i];
            b.Index /= 2;
            if (kept > 0 && _buckets[kept - 1].Index == b.Index) _buckets[kept - 1].Merge(in b);
            else _buckets[kept++] = b;
        }
        _count = kept;
    }

    /// <summary>A copy of the buckets in time order.</summary>
    public ChartBucket[] Snapshot() => _buckets.AsSpan(0, _count).ToArray();
}
