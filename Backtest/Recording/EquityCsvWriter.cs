using System.Runtime.CompilerServices;
using System.Text;
using Hft.Backtest.Reports;
using Hft.Core.Markets;

namespace Hft.Backtest.Recording;

/// <summary>
/// Streams the recorder's samples to <c>equity.csv</c>: the core loop copies each sample into a chunk and a
/// writer thread formats and writes the chunks through a 64 KB buffer, so memory stays constant however long the
/// run and the loop does not format numbers. Empty fields are undefined values (a book side missing, a position
/// without a price yet). A write error stops the writing and is thrown by <see cref="Complete"/>, so a full disk
/// fails the run clearly instead of leaving a silently short file.
/// </summary>
public sealed class EquityCsvWriter : IRecordSink, IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "timestamp,time,symbol,reason,best_bid,best_ask,mid,mark,position,balance,fee,equity,open_orders,trades,trading_volume,trading_value,spread_capture";

    private static readonly byte[][] Reasons = ["interval"u8.ToArray(), "fill"u8.ToArray(), "end"u8.ToArray()];
    private readonly byte[][] _symbols;
    private readonly IRowSink<RecordSample> _rows;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes the header.</summary>
    /// <param name="path">The file.</param>
    /// <param name="instruments">The run's instruments (for their symbols).</param>
    /// <param name="background">Format and write on a writer thread (default); false writes on the caller's thread.</param>
    public EquityCsvWriter(string path, IReadOnlyList<Instrument> instruments, bool background = true)
    {
        _symbols = instruments.Select(i => Encoding.UTF8.GetBytes(i.Symbol)).ToArray();
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        var writer = new Utf8RowWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1));
        writer.Text(Header).EndRow();
        _rows = background ? new BackgroundRowSink<RecordSample>(writer, Format, path) : new InlineRowSink<RecordSample>(writer, Format, path);
    }

    /// <summary>Rows added, the header excluded.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    public void Write(in RecordSample sample)
    {
        Rows++;
        _rows.Add(in sample);
    }

    // The columns that change only with fills keep their formatted bytes per instrument (used on the writer thread only).
    private sealed class Unchanged
    {
        public FormattedNumber Position, Balance, Fee, Volume, Value, SpreadCapture;
    }

    private readonly Dictionary<int, Unchanged> _unchanged = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Format(Utf8RowWriter w, in RecordSample s)
    {
        if (!_unchanged.TryGetValue(s.Instrument, out var u)) _unchanged[s.Instrument] = u = new Unchanged();
        w.Long(s.Time).Char(',').IsoTime(s.Time).Char(',').Bytes(_symbols[s.Instrument]).Char(',')
            .Bytes(Reasons[(int)s.Reason]).Char(',')
            .DoubleOrEmpty(s.BestBid).Char(',').DoubleOrEmpty(s.BestAsk).Char(',').DoubleOrEmpty(s.Mid).Char(',')
            .DoubleOrEmpty(s.Mark).Char(',').Double(s.Position, ref u.Position).Char(',').Double(s.Balance, ref u.Balance).Char(',')
            .Double(s.Fee, ref u.Fee).Char(',').DoubleOrEmpty(s.Equity).Char(',').Long(s.OpenOrders).Char(',').Long(s.Trades).Char(',')
            .Double(s.TradingVolume, ref u.Volume).Char(',').Double(s.TradingValue, ref u.Value).Char(',')
            .Double(s.SpreadCapture, ref u.SpreadCapture).EndRow();
    }

    /// <inheritdoc />
    public void Complete() => _rows.Complete();

    /// <summary>Closes the file (a write error is reported by <see cref="Complete"/>, not here).</summary>
    public void Dispose() => _rows.Dispose();
}
