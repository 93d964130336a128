using Hft.Backtest.Data;
using Hft.Core.Markets;
using Hft.Core.Venues;

namespace Hft.Backtest.Models.Latency;

/// <summary>
/// Latency interpolated from recorded order round trips (hftbacktest's <c>IntpOrderLatency</c>). For a request
/// sent at <c>t</c> between two recorded requests, the entry latency is interpolated linearly between theirs
/// (<c>intp(x, x1, y1, x2, y2) = trunc((y2 − y1) / (x2 − x1) · (x − x1)) + y1</c>); before the first or after the
/// last row, the first or last row's latency is used. If either neighbour was rejected by the exchange
/// (<c>exch_ts ≤ 0</c>) the request is rejected too: the entry latency is the negative of the interpolated round
/// trip, which is how long the rejection takes to come back. Response latencies are interpolated the same way
/// over exchange times. A latency offset shifts <c>exch_ts</c> by the offset and <c>resp_ts</c> by twice it.
/// Unlike the reference, lookups are binary searches (its forward-only cursors answer wrongly when asked out of
/// time order), and rows the exchange rejected are left out of the response interpolation (their exch_ts is 0).
/// </summary>
public sealed class IntpOrderLatency : IOrderLatency
{
    private readonly OrderLatencyRow[] _byRequest;
    private readonly OrderLatencyRow[] _byExchange;

    /// <summary>Creates the model from rows sorted by request time.</summary>
    public IntpOrderLatency(IReadOnlyList<OrderLatencyRow> rows, long latencyOffset = 0)
    {
        if (rows.Count == 0) throw new ArgumentException("An interpolated latency model needs at least one recorded row.", nameof(rows));
        _byRequest = rows.Select(r => latencyOffset == 0 || r.ExchangeTime <= 0
            ? r
            : r with { ExchangeTime = r.ExchangeTime + latencyOffset, ResponseTime = r.ResponseTime + 2 * latencyOffset }).ToArray();
        for (int i = 1; i < _byRequest.Length; i++)
        {
            if (_byRequest[i].RequestTime < _byRequest[i - 1].RequestTime)
                throw new ArgumentException($"Latency rows must be sorted by req_ts: row {i} ({_byRequest[i].RequestTime}) is earlier than row {i - 1} ({_byRequest[i - 1].RequestTime}).", nameof(rows));
        }
        _byExchange = _byRequest.Where(r => r.ExchangeTime > 0).OrderBy(r => r.ExchangeTime).ToArray();
    }

    /// <summary>Reads the rows of one or more latency files (<c>.npz</c> with a <c>data</c> array, or <c>.npy</c>), in order.</summary>
    /// <exception cref="EventFileException">A file is missing or not a latency file.</exception>
    public static IntpOrderLatency Load(IReadOnlyList<string> paths, long latencyOffset = 0)
    {
        var rows = new List<OrderLatencyRow>();
        foreach (var path in paths)
        {
            using var reader = EventFileReader.Open(path, NpyRecordLayout.OrderLatency);
            var buffer = new OrderLatencyRow[checked((int)reader.Count)];
            reader.ReadRows<OrderLatencyRow>(buffer);
            rows.AddRange(buffer);
        }
        try
        {
            return new IntpOrderLatency(rows, latencyOffset);
        }
        catch (ArgumentException e)
        {
            throw new EventFileException(string.Join(", ", paths), e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    /// <summary>Writes rows as a latency file (as hftbacktest's Python tools do: key <c>data</c>).</summary>
    public static void Save(string path, ReadOnlySpan<OrderLatencyRow> rows, bool compress = true)
    {
        using var writer = new EventFileWriter(path, rows.Length, compress, NpyRecordLayout.OrderLatency);
        writer.WriteRows(rows);
    }

    /// <summary>Rows loaded.</summary>
    public int Count => _byRequest.Length;

    /// <inheritdoc />
    public long Entry(long localTime, VenueCommand command)
    {
        var rows = _byRequest;
        if (localTime < rows[0].RequestTime) return rows[0].ExchangeTime - rows[0].RequestTime;
        int i = LastAtOrBefore(rows, localTime, static r => r.RequestTime);
        if (i == rows.Length - 1) return rows[i].ExchangeTime - rows[i].RequestTime;
        var row = rows[i];
        var next = rows[i + 1];
        if (row.ExchangeTime <= 0 || next.ExchangeTime <= 0)
            return -Interpolate(localTime, row.RequestTime, row.ResponseTime - row.RequestTime, next.RequestTime, next.ResponseTime - next.RequestTime);
        return Interpolate(localTime, row.RequestTime, row.ExchangeTime - row.RequestTime, next.RequestTime, next.ExchangeTime - next.RequestTime);
    }

    /// <inheritdoc />
    public long Response(long exchangeTime, OrderReport report)
    {
        var rows = _byExchange;
        if (rows.Length == 0) return _byRequest[^1].ResponseTime - _byRequest[^1].RequestTime;
        long latency;
        if (exchangeTime < rows[0].ExchangeTime) latency = rows[0].ResponseTime - rows[0].ExchangeTime;
        else
        {
            int i = LastAtOrBefore(rows, exchangeTime, static r => r.ExchangeTime);
            latency = i == rows.Length - 1
                ? rows[i].ResponseTime - rows[i].ExchangeTime
                : Interpolate(exchangeTime, rows[i].ExchangeTime, rows[i].ResponseTime - rows[i].ExchangeTime,
                    rows[i + 1].ExchangeTime, rows[i + 1].ResponseTime - rows[i + 1].ExchangeTime);
        }
        if (latency < 0)
            throw new InvalidDataException($"The latency file gives a negative response latency ({latency} ns) at exch_ts {exchangeTime}: resp_ts must not precede exch_ts.");
        return latency;
    }

    /// <summary>The reference's <c>intp</c>: the float product is truncated toward zero (saturating), then <c>y1</c> added.</summary>
    public static long Interpolate(long x, long x1, long y1, long x2, long y2)
    {
        if (x2 == x1) return y1;
        return PriceMath.SaturatingToLong((double)(y2 - y1) / (x2 - x1) * (x - x1)) + y1;
    }

    /// <summary>Index of the last row whose key is at or before <paramref name="t"/> (the rows start at or before it).</summary>
    private static int LastAtOrBefore(OrderLatencyRow[] rows, long t, Func<OrderLatencyRow, long> key)
    {
        int lo = 0, hi = rows.Length - 1;
        while (lo < hi)
        {
            int mid = lo + (hi - lo + 1) / 2;
            if (key(rows[mid]) <= t) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
