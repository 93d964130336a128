namespace Hft.Backtest.Conversion;

/// <summary>How a <see cref="RawFileConverter"/> converts.</summary>
public sealed record ConversionOptions
{
    /// <summary>Which Binance market the files were recorded from (Binance only; other sources ignore it).</summary>
    public BinanceVenue Venue { get; init; } = BinanceVenue.Futures;

    /// <summary>
    /// hftbacktest's <c>base_latency</c>, in nanoseconds: the feed latency the fastest row gets when the local
    /// timestamps have to be shifted (see <see cref="LocalTimestampCorrection"/>). Not added otherwise.
    /// </summary>
    public long BaseLatency { get; init; }

    /// <summary>
    /// Skip malformed lines (counting them and reporting each as a warning) instead of failing on the first one.
    /// hftbacktest would stop with a Python exception.
    /// </summary>
    public bool SkipBadLines { get; init; }

    /// <summary>Deflate the output (<c>np.savez_compressed</c>, the reference's choice) rather than store it (<c>np.savez</c>).</summary>
    public bool Compress { get; init; } = true;
}
