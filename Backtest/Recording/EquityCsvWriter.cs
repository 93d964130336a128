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
    private readonly RowSink<RecordSample> _rows;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes the header.</summary>
    /// <param name="path">The file.</param>
    /// <param name="instruments">The run's instruments (for their symbols).</param>
    /// <param name="background">Format and write on a writer thread (default); false writes on the caller's thread.</param>
    public EquityCsvWriter(string path, IReadOnlyList<Instrument> instruments, bool background = true)
    {
        _symbols = instruments.Select(i => Encoding.UTF8.GetBytes(i.Symbol)).ToArray();
        _unchanged = new Unchanged?[instruments.Count];
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        var writer = new Utf8RowWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1));
        // Written out at once: the file's write path then runs before the replay starts, not first mid-run.
        writer.Text(Header).EndRow().Flush();
        _rows = new RowSink<RecordSample>(writer, Format, path, background);
        Prime();
    }

    // Formats two made-up rows into nothing before the run, so their code is compiled at start-up (see DecimalFormat.Prime).
    private void Prime()
    {
        DecimalFormat.Prime();
        using (var w = new Utf8RowWriter(Stream.Null))
        {
            Format(w, new RecordSample(1_723_075_200_100_000_000, 0, SampleReason.Interval, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            Format(w, new RecordSample(1_723_075_200_200_000_000, 0, SampleReason.Fill, 300.16, 300.17, 300.165, 300.165, 1, -351.88000000000034,
                -8.784028000000001, -33.97097199999988, 20, 631, 631, 175680.5599999999, 6.8700000000007435));
        }
        Array.Clear(_unchanged);
    }

    /// <summary>Rows added, the header excluded.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(RecordSample sample)
    {
        Rows++;
        _rows.Add(in sample);
    }

    // The columns that change only with fills keep their formatted bytes per instrument (used on the writer thread only).
    private sealed class Unchanged
    {
        public FormattedNumber Position, Balance, Fee, Volume, Value, SpreadCapture;
    }

    private readonly Unchanged?[] _unchanged;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Format(Utf8RowWriter w, in RecordSample s)
    {
        var u = _unchanged[s.Instrument] ??= new Unchanged();
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
