using Hft.Backtest.Data;
using Hft.Backtest.Data.Synthetic;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// The market an emulator replays: the exchange-side rows of an event file (or of a generated market), in file
/// order, cut into messages of rows that share one exchange time. A venue publishes what its matching engine
/// processed, so rows the exchange never saw (LOCAL-only rows of a corrected file) are left out.
/// </summary>
public sealed class MarketTape
{
    private readonly MarketEvent[] _rows;
    private readonly int[] _starts; // first row of each message; one extra entry = row count

    private MarketTape(string source, MarketEvent[] rows)
    {
        Source = source;
        var exchangeRows = new List<MarketEvent>(rows.Length);
        foreach (var row in rows) if (row.IsExchangeEvent) exchangeRows.Add(row);
        if (exchangeRows.Count == 0) throw new EventFileException(source, "no exchange rows to replay");
        _rows = exchangeRows.ToArray();
        var starts = new List<int>();
        for (int i = 0; i < _rows.Length; i++)
        {
            if (i == 0 || _rows[i].ExchangeTime != _rows[i - 1].ExchangeTime) starts.Add(i);
        }
        starts.Add(_rows.Length);
        _starts = starts.ToArray();
        FirstTime = _rows[0].ExchangeTime;
        // Time runs backwards in a file only if it is damaged; such messages are replayed without a wait.
        long last = FirstTime;
        foreach (var r in _rows) last = Math.Max(last, r.ExchangeTime);
        Span = last - FirstTime;
    }

    /// <summary>The file name, or a description of the generated market.</summary>
    public string Source { get; }

    /// <summary>Number of messages (rows sharing one exchange time).</summary>
    public int MessageCount => _starts.Length - 1;

    /// <summary>Number of exchange rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>Exchange time of the first row (ns).</summary>
    public long FirstTime { get; }

    /// <summary>Exchange time from the first to the last row (ns).</summary>
    public long Span { get; }

    /// <summary>The rows of message <paramref name="index"/>.</summary>
    public ReadOnlySpan<MarketEvent> Message(int index) => _rows.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>Exchange time of message <paramref name="index"/> (ns).</summary>
    public long MessageTime(int index) => _rows[_starts[index]].ExchangeTime;

    /// <summary>Reads an event file.</summary>
    /// <exception cref="EventFileException">The file is missing, unreadable, invalid or has no exchange rows.</exception>
    public static MarketTape FromFile(string path) => new(path, EventFileReader.ReadAll(path));

    /// <summary>A generated market (the generator of <c>generate</c>), in memory.</summary>
    public static MarketTape Generated(long events, ulong seed, long meanGapNanos = 10_000_000, int moveTicks = 4)
    {
        var options = new SyntheticMarketOptions(events, seed) { MeanGapNanos = meanGapNanos, MoveTicks = moveTicks };
        var market = new SyntheticMarket(options);
        var rows = new MarketEvent[events];
        int filled = 0;
        while (filled < rows.Length)
        {
            int n = market.Fill(rows.AsSpan(filled));
            if (n == 0) break;
            filled += n;
        }
        return new MarketTape($"generated market ({events} events, seed {seed})", rows[..filled]);
    }
}
