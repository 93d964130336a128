using System.Runtime.CompilerServices;
using Hft.Backtest.Statistics;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;

namespace Hft.Backtest.Recording;

/// <summary>
/// Samples every instrument's state (book, position, balance, fees, equity, open orders, volumes) on the core
/// loop, at each tick of <see cref="RecorderActor"/>'s timer and at every fill, and feeds each sample to the
/// sink (<c>equity.csv</c>), the statistics and the charts. It reads only event time, so the same run always
/// records the same samples; memory is constant (statistics are accumulated, charts are bounded, the sink
/// streams).
/// </summary>
public sealed class Recorder
{
    private readonly RecorderOptions _options;
    private readonly TradingAccounts _accounts;
    private readonly IReadOnlyList<MarketDepth> _books;
    private readonly Track[] _tracks;
    private readonly StatisticsAccumulator _portfolio;
    private readonly ChartSeries _portfolioChart;
    private readonly IRecordSink? _sink;
    private RecordingResult? _result;

    /// <summary>Creates a recorder of <paramref name="accounts"/> and their local <paramref name="books"/> (same order).</summary>
    public Recorder(RecorderOptions options, TradingAccounts accounts, IReadOnlyList<MarketDepth> books)
        : this(options, accounts, books, prime: true)
    {
    }

    private Recorder(RecorderOptions options, TradingAccounts accounts, IReadOnlyList<MarketDepth> books, bool prime)
    {
        if (prime) Prime();
        _options = options.Validate();
        if (books.Count != accounts.Count) throw new ArgumentException("one book per instrument is needed", nameof(books));
        _accounts = accounts;
        _books = books;
        _sink = options.Sink;
        _tracks = new Track[accounts.Count];
        for (int i = 0; i < _tracks.Length; i++)
        {
            _tracks[i] = new Track(accounts[i].Instrument, new StatisticsAccumulator(options.Statistics),
                new ChartSeries(options.ChartPoints, options.IntervalNanos));
        }
        _portfolio = new StatisticsAccumulator(options.Statistics);
        _portfolioChart = new ChartSeries(options.ChartPoints, options.IntervalNanos);
    }

    private static int _primed;

    /// <summary>
    /// Runs a made-up recording of two instruments through every path once per process (samples, a fill, chart
    /// compaction, the portfolio, the statistics), so their code is compiled before a backtest starts. Code first
    /// called in the middle of a run keeps the runtime's tiering busy and delays its optimising of the engine's own
    /// hot path, which costs far more than the compiling itself.
    /// </summary>
    private static void Prime()
    {
        if (Interlocked.Exchange(ref _primed, 1) == 1) return;
        Instrument[] instruments = [new("PRIME1", "prime", 0.01, 0.01), new("PRIME2", "prime", 0.5, 1, ContractKind.Inverse, 10)];
        var books = instruments.Select(i => new MarketDepth(i.TickSize, i.LotSize)).ToArray();
        var options = new RecorderOptions { IntervalNanos = 100, ChartPoints = 2, Statistics = new StatisticsOptions { IntervalNanos = 300, BookSize = 1 } };
        var recorder = new Recorder(options, new TradingAccounts(instruments), books, prime: false);
        recorder.SampleAll(0);
        books[0].UpdateBid(100, 1);
        books[0].UpdateAsk(100.01, 1);
        books[1].UpdateBid(100, 1);
        books[1].UpdateAsk(100.5, 1);
        for (long t = 100; t <= 1_000; t += 100)
        {
            recorder.SampleAll(t);
            if (t == 500) recorder.OnFill(new Fill(1, 1, Side.Sell, 100.5, 1, 0.01, true, t, t, -1), t);
        }
        recorder.Finish(1_050);
    }

    /// <summary>The sampling interval in nanoseconds.</summary>
    public long IntervalNanos => _options.IntervalNanos;

    /// <summary>Rows sampled so far (one per instrument per sample).</summary>
    public long Samples { get; private set; }

    /// <summary>Samples every instrument (the interval elapsed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SampleAll(long time)
    {
        for (int i = 0; i < _tracks.Length; i++) SampleInstrument(i, time, SampleReason.Interval);
        SamplePortfolio(time);
    }

    /// <summary>
    /// Takes in a fill the local side just applied: adds its spread capture (marked at the current mid), counts its
    /// order as filled if the fill completed it, marks it on the chart, and samples the instrument.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnFill(Fill fill, long time)
    {
        int i = fill.Instrument;
        var t = _tracks[i];
        var inst = t.Instrument;
        double mark = _books[i].MidPrice;
        if (double.IsNaN(mark)) mark = t.Mark;
        if (double.IsNaN(mark)) mark = fill.Price;
        double sign = fill.Side == Side.Buy ? 1.0 : -1.0;
        t.SpreadCapture += inst.Kind == ContractKind.Linear
            ? sign * inst.ContractSize * fill.Quantity * (mark - fill.Price)
            : sign * inst.ContractSize * fill.Quantity * (1.0 / fill.Price - 1.0 / mark);
        var order = _accounts[i].Orders.Find(fill.OrderId);
        if (order is null || order.Status == OrderStatus.Filled) t.FilledOrders++;
        t.Chart.AddFill(time, fill.Side, fill.Price, fill.Quantity);
        if (!_options.SampleFills) return;
        SampleInstrument(i, time, SampleReason.Fill);
        SamplePortfolio(time);
    }

    /// <summary>Takes the last sample at <paramref name="time"/>, completes the sink and computes the statistics (once).</summary>
    public RecordingResult Finish(long time)
    {
        if (_result is not null) return _result;
        for (int i = 0; i < _tracks.Length; i++) SampleInstrument(i, time, SampleReason.End);
        SamplePortfolio(time);
        _sink?.Complete();

        var stats = _options.Statistics;
        var instruments = new List<InstrumentRecording>(_tracks.Length);
        var sum = default(TradingTotals);
        for (int i = 0; i < _tracks.Length; i++)
        {
            var t = _tracks[i];
            var account = _accounts[i];
            var s = account.State;
            var totals = new TradingTotals(s.NumTrades, s.TradingVolume, s.TradingValue, s.Fee, t.SpreadCapture,
                account.OrdersSent + account.OrdersRejectedByRisk, t.FilledOrders);
            sum += totals;
            instruments.Add(new InstrumentRecording(t.Instrument, PerformanceStatistics.Compute(t.Stats.Finish(), totals, stats), t.Chart.Snapshot()));
        }
        var portfolio = _tracks.Length == 1
            ? instruments[0].Statistics with { MeanPosition = null, MeanAbsPosition = null, MaxAbsPosition = null }
            : PerformanceStatistics.Compute(_portfolio.Finish(), sum, stats);
        var portfolioChart = _tracks.Length == 1 ? instruments[0].Chart : _portfolioChart.Snapshot();
        _result = new RecordingResult(_options.IntervalNanos, stats, instruments, portfolio, portfolioChart, Samples);
        return _result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SampleInstrument(int i, long time, SampleReason reason)
    {
        var t = _tracks[i];
        var account = _accounts[i];
        var state = account.State;
        var book = _books[i];
        double bid = book.BestBid;
        double ask = book.BestAsk;
        double mid = (bid + ask) / 2.0;
        Refresh(i);
        double position = state.Position;
        if (_sink is not null)
        {
            var sample = new RecordSample(time, i, reason, bid, ask, mid, t.Mark, position, state.Balance, state.Fee, t.Equity,
                OpenOrders(account.Orders), state.NumTrades, state.TradingVolume, state.TradingValue, t.SpreadCapture);
            _sink.Write(sample);
        }
        Samples++;
        if (double.IsNaN(t.Equity))
        {
            t.Chart.Add(time, t.Mark, double.NaN, double.NaN, position);
            return;
        }
        t.Stats.Add(time, t.Equity, position, t.PositionValue);
        t.Chart.Add(time, t.Mark, t.Equity, t.Stats.CurrentDrawdown, position);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SamplePortfolio(long time)
    {
        // One instrument: the portfolio is that instrument (Finish copies it), so nothing is computed twice.
        if (_tracks.Length == 1) return;
        double equity = 0;
        double positionValue = 0;
        for (int i = 0; i < _tracks.Length; i++)
        {
            Refresh(i);
            var t = _tracks[i];
            if (double.IsNaN(t.Equity)) return;
            equity += t.Equity;
            positionValue += t.PositionValue;
        }
        _portfolio.Add(time, equity, double.NaN, positionValue);
        _portfolioChart.Add(time, double.NaN, equity, _portfolio.CurrentDrawdown, double.NaN);
    }

    // Marks instrument i at the current mid (or the last one when a side is empty). A flat position needs no
    // price: its equity is the balance less fees even before the book has both sides.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Refresh(int i)
    {
        var t = _tracks[i];
        double mid = _books[i].MidPrice;
        if (!double.IsNaN(mid)) t.Mark = mid;
        var state = _accounts[i].State;
        if (state.Position == 0)
        {
            t.Equity = state.Equity(t.Instrument, 1.0);
            t.PositionValue = 0;
        }
        else if (!double.IsNaN(t.Mark))
        {
            t.Equity = state.Equity(t.Instrument, t.Mark);
            t.PositionValue = t.Instrument.Value(t.Mark, Math.Abs(state.Position));
        }
        else
        {
            t.Equity = double.NaN;
            t.PositionValue = double.NaN;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int OpenOrders(OrderTable orders)
    {
        var all = orders.All;
        int open = 0;
        for (int k = 0; k < all.Count; k++)
        {
            var o = all[k];
            if (o.Status is OrderStatus.New or OrderStatus.PartiallyFilled || (o.Status == OrderStatus.None && o.Request == OrderRequest.New)) open++;
        }
        return open;
    }

    private sealed class Track(Instrument instrument, StatisticsAccumulator stats, ChartSeries chart)
    {
        public readonly Instrument Instrument = instrument;
        public readonly StatisticsAccumulator Stats = stats;
        public readonly ChartSeries Chart = chart;
        public double Mark = double.NaN;
        public double Equity = double.NaN;
        public double PositionValue;
        public double SpreadCapture;
        public long FilledOrders;
    }
}
