using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// hftbacktest's <c>correct_event_order</c>: merges the rows in exchange-time order with the rows in local-time
/// order, so the exchange side sees its rows in <c>exch_ts</c> order and the local side in <c>local_ts</c> order.
/// A row whose place differs between the two orders is emitted twice, once <c>EXCH</c>-only and once
/// <c>LOCAL</c>-only; every other row once with <c>EXCH|LOCAL</c>.
/// </summary>
/// <remarks>
/// <para>
/// Both orders are stable argsorts (<see cref="StableOrder"/>). With <c>e</c> the next row in exchange order and
/// <c>l</c> the next in local order, each step emits:
/// </para>
/// <list type="number">
/// <item>if both remain and <c>e.exch_ts == l.exch_ts &amp;&amp; e.local_ts == l.local_ts</c>: <c>e | EXCH | LOCAL</c>,
/// advancing both (the two are then the same row; this is checked);</item>
/// <item>else if both remain and <c>e.exch_ts &lt; l.exch_ts</c>, or equal with <c>e.local_ts &lt; l.local_ts</c>:
/// <c>e</c> with <c>LOCAL</c> cleared and <c>EXCH</c> set;</item>
/// <item>else if local rows remain: <c>l</c> with <c>EXCH</c> cleared and <c>LOCAL</c> set;</item>
/// <item>else if exchange rows remain: <c>e</c> as in 2; else the merge is done.</item>
/// </list>
/// <para>
/// The output is therefore between n and 2n rows. It is produced in pieces by <see cref="Fill"/> and can be
/// replayed with <see cref="Reset"/>, so a caller can count (and validate) the rows in one pass and write them in a
/// second without ever holding them: an event file announces its row count before the rows. Memory: the two
/// permutations (4 bytes per row each; none when a timeline is already in order) and 8 bytes per row while sorting.
/// </para>
/// </remarks>
public sealed class EventOrderCorrection
{
    private readonly EventRowStore _rows;
    private readonly int[]? _exchangeOrder;
    private readonly int[]? _localOrder;
    private readonly int _count;
    private int _exchange;
    private int _local;

    /// <summary>Sorts <paramref name="rows"/> by each timeline; the rows themselves are not moved or changed.</summary>
    public EventOrderCorrection(EventRowStore rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows;
        _count = rows.Count;
        var keys = new long[_count];
        FillKeys(rows, keys, exchange: true);
        _exchangeOrder = StableOrder.Sort(keys);
        FillKeys(rows, keys, exchange: false);
        _localOrder = StableOrder.Sort(keys);
    }

    /// <summary>Rows in the input.</summary>
    public int InputCount => _count;

    /// <summary>Rows emitted since construction or the last <see cref="Reset"/>.</summary>
    public long Emitted { get; private set; }

    /// <summary>Rows emitted with only one of <c>EXCH</c>/<c>LOCAL</c> since the last <see cref="Reset"/> (two per split row).</summary>
    public long OneSided { get; private set; }

    /// <summary>True once every row has been emitted.</summary>
    public bool IsDone => _exchange >= _count && _local >= _count;

    /// <summary>True if the input was already in exchange-time order (no permutation was needed).</summary>
    public bool ExchangeOrderWasSorted => _exchangeOrder is null;

    /// <summary>True if the input was already in local-time order.</summary>
    public bool LocalOrderWasSorted => _localOrder is null;

    /// <summary>Starts the merge again from the first row.</summary>
    public void Reset()
    {
        _exchange = _local = 0;
        Emitted = OneSided = 0;
    }

    /// <summary>Writes the next merged rows into <paramref name="buffer"/>.</summary>
    /// <returns>Rows written; less than the buffer's length only at the end (0 once done).</returns>
    /// <exception cref="InvalidOperationException">The two orders disagree about a row (a defect, never expected).</exception>
    public int Fill(Span<MarketEvent> buffer)
    {
        const ulong exchangeOnly = EventFlags.Exchange;
        const ulong localOnly = EventFlags.Local;
        int written = 0;
        int n = _count;
        while (written < buffer.Length)
        {
            bool exchangeLeft = _exchange < n;
            bool localLeft = _local < n;
            if (exchangeLeft && localLeft)
            {
                int ei = _exchangeOrder is null ? _exchange : _exchangeOrder[_exchange];
                int li = _localOrder is null ? _local : _localOrder[_local];
                ref readonly var e = ref _rows.At(ei);
                ref readonly var l = ref _rows.At(li);
                if (e.ExchangeTime == l.ExchangeTime && e.LocalTime == l.LocalTime)
                {
                    if (ei != li) CheckSameContent(e, l, ei, li);
                    buffer[written++] = e.WithFlags(e.Flags | EventFlags.Exchange | EventFlags.Local);
                    _exchange++;
                    _local++;
                }
                else if (e.ExchangeTime < l.ExchangeTime || (e.ExchangeTime == l.ExchangeTime && e.LocalTime < l.LocalTime))
                {
                    buffer[written++] = e.WithFlags((e.Flags & ~EventFlags.Local) | exchangeOnly);
                    _exchange++;
                    OneSided++;
                }
                else
                {
                    buffer[written++] = l.WithFlags((l.Flags & ~EventFlags.Exchange) | localOnly);
                    _local++;
                    OneSided++;
                }
            }
            else if (localLeft)
            {
                ref readonly var l = ref _rows.At(_localOrder is null ? _local : _localOrder[_local]);
                buffer[written++] = l.WithFlags((l.Flags & ~EventFlags.Exchange) | localOnly);
                _local++;
                OneSided++;
            }
            else if (exchangeLeft)
            {
                ref readonly var e = ref _rows.At(_exchangeOrder is null ? _exchange : _exchangeOrder[_exchange]);
                buffer[written++] = e.WithFlags((e.Flags & ~EventFlags.Local) | exchangeOnly);
                _exchange++;
                OneSided++;
            }
            else
            {
                break;
            }
        }
        Emitted += written;
        return written;
    }

    /// <summary>Merges <paramref name="rows"/> in memory (for small inputs and tests).</summary>
    public static MarketEvent[] Apply(ReadOnlySpan<MarketEvent> rows)
    {
        var correction = new EventOrderCorrection(new EventRowStore(rows));
        var output = new MarketEvent[2L * rows.Length];
        int total = 0;
        int got;
        while ((got = correction.Fill(output.AsSpan(total))) > 0) total += got;
        return output.AsSpan(0, total).ToArray();
    }

    private static void FillKeys(EventRowStore rows, long[] keys, bool exchange)
    {
        int i = 0;
        for (int c = 0; c < rows.ChunkCount; c++)
        {
            foreach (ref readonly var row in rows.Chunk(c)) keys[i++] = exchange ? row.ExchangeTime : row.LocalTime;
        }
    }

    /// <summary>
    /// The reference asserts that rows met in both orders at once have the same kind, price (or both NaN) and
    /// quantity. Stable orders make them the same row, so this only guards against a defect here.
    /// </summary>
    private static void CheckSameContent(in MarketEvent e, in MarketEvent l, int ei, int li)
    {
        bool samePrice = e.Price == l.Price || (double.IsNaN(e.Price) && double.IsNaN(l.Price));
        if (e.Flags != l.Flags || !samePrice || e.Quantity != l.Quantity)
            throw new InvalidOperationException($"event-order correction met rows {ei} ({e}) and {li} ({l}) together with different content");
    }
}
