namespace Hft.Backtest.Data.Synthetic;

/// <summary>
/// Settings for <see cref="SyntheticMarket"/>. The defaults resemble a BTC-USDT perpetual on a busy exchange.
/// </summary>
/// <param name="Events">Total rows to produce, the initial snapshot included.</param>
/// <param name="Seed">Seed; the same options always give the same rows, on any machine.</param>
public sealed record SyntheticMarketOptions(long Events, ulong Seed)
{
    /// <summary>Price increment.</summary>
    public double TickSize { get; init; } = 0.01;

    /// <summary>Quantity increment; every quantity is a positive multiple of it.</summary>
    public double LotSize { get; init; } = 0.01;

    /// <summary>Price around which the book starts (rounded to a tick).</summary>
    public double StartPrice { get; init; } = 300;

    /// <summary>Price levels per side (the book window; the initial snapshot fills all of them).</summary>
    public int Levels { get; init; } = 50;

    /// <summary>Exchange time of the initial snapshot, in nanoseconds since the Unix epoch (default 2024-08-08T00:00:00Z).</summary>
    public long StartTime { get; init; } = 1_723_075_200_000_000_000;

    /// <summary>
    /// Ticks the mid moves in one move message (1 by default). With sparser messages (a larger
    /// <see cref="MeanGapNanos"/>), larger moves keep the mid as lively per second of event time.
    /// </summary>
    public int MoveTicks { get; init; } = 1;

    /// <summary>Mean gap between messages' exchange times, in nanoseconds.</summary>
    public long MeanGapNanos { get; init; } = 1_000_000;

    /// <summary>Smallest feed latency (local minus exchange time), in nanoseconds; must be positive.</summary>
    public long MinLatencyNanos { get; init; } = 1_000_000;

    /// <summary>Largest feed latency, in nanoseconds.</summary>
    public long MaxLatencyNanos { get; init; } = 5_000_000;
}
