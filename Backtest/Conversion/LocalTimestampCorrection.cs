using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// hftbacktest's <c>correct_local_timestamp</c>: when the local clock is behind the venue's, so that some rows seem
/// to arrive before they happened, shifts every local timestamp by the same amount so that the smallest feed
/// latency becomes <c>base latency</c>.
/// </summary>
/// <remarks>
/// <c>latency = min(local_ts - exch_ts)</c> over all rows. Only if it is negative, <c>local_ts += -latency +
/// baseLatency</c> for every row. If no latency is negative, nothing changes and <c>baseLatency</c> is <b>not</b>
/// added, exactly as the reference (its <c>base_latency</c> only applies together with a correction).
/// </remarks>
public static class LocalTimestampCorrection
{
    /// <summary>Smallest <c>local_ts - exch_ts</c> over <paramref name="rows"/>; <see cref="long.MaxValue"/> if there are none.</summary>
    public static long MinimumLatency(EventRowStore rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long min = long.MaxValue;
        for (int c = 0; c < rows.ChunkCount; c++)
        {
            foreach (ref readonly var row in rows.Chunk(c))
            {
                long latency = row.LocalTime - row.ExchangeTime;
                if (latency < min) min = latency;
            }
        }
        return min;
    }

    /// <summary>Applies the correction in place.</summary>
    /// <param name="rows">Rows to correct.</param>
    /// <param name="baseLatency">Latency, in the data's unit (ns), that the fastest row gets after a correction.</param>
    /// <returns>The offset added to every local timestamp; 0 if no row had a negative latency.</returns>
    /// <exception cref="OverflowException">A corrected timestamp would not fit in 64 bits.</exception>
    public static long Apply(EventRowStore rows, long baseLatency)
    {
        long min = MinimumLatency(rows);
        if (min >= 0) return 0;
        long offset = checked(-min + baseLatency);
        for (int c = 0; c < rows.ChunkCount; c++)
        {
            foreach (ref var row in rows.Chunk(c))
                row = row.WithLocalTime(checked(row.LocalTime + offset));
        }
        return offset;
    }
}
