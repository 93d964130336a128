using System.Text;
using Hft.Backtest.Reports;
using Hft.Core.Markets;

namespace Hft.Backtest.Recording;

/// <summary>
/// Streams the recorder's samples to <c>equity.csv</c> through a 64 KB buffer: memory stays constant however
/// long the run, and a row costs no allocation. Empty fields are undefined values (a book side missing, no mid
/// yet). A write error stops the writing and is thrown by <see cref="Complete"/>, so a full disk fails the run
/// clearly instead of leaving a silently short file.
/// </summary>
public sealed class EquityCsvWriter : IRecordSink, IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "timestamp,time,symbol,reason,best_bid,best_ask,mid,mark,position,balance,fee,equity,open_orders,trades,trading_volume,trading_value,spread_capture";

    private static readonly byte[][] Reasons = ["interval"u8.ToArray(), "fill"u8.ToArray(), "end"u8.ToArray()];
    private readonly string _path;
    private readonly byte[][] _symbols;
    private readonly Utf8RowWriter _writer;
    private Exception? _error;
    private bool _completed;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes the header.</summary>
    public EquityCsvWriter(string path, IReadOnlyList<Instrument> instruments)
    {
        _path = path;
        _symbols = instruments.Select(i => Encoding.UTF8.GetBytes(i.Symbol)).ToArray();
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        _writer = new Utf8RowWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1));
        _writer.Text(Header).EndRow();
    }

    /// <summary>Rows written, the header excluded.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    public void Write(in RecordSample s)
    {
        if (_error is not null || _completed) return;
        try
        {
            _writer.Long(s.Time).Char(',').IsoTime(s.Time).Char(',').Bytes(_symbols[s.Instrument]).Char(',')
                .Bytes(Reasons[(int)s.Reason]).Char(',')
                .DoubleOrEmpty(s.BestBid).Char(',').DoubleOrEmpty(s.BestAsk).Char(',').DoubleOrEmpty(s.Mid).Char(',')
                .DoubleOrEmpty(s.Mark).Char(',').Double(s.Position).Char(',').Double(s.Balance).Char(',').Double(s.Fee).Char(',')
                .DoubleOrEmpty(s.Equity).Char(',').Long(s.OpenOrders).Char(',').Long(s.Trades).Char(',')
                .Double(s.TradingVolume).Char(',').Double(s.TradingValue).Char(',').Double(s.SpreadCapture).EndRow();
            Rows++;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error = e;
        }
    }

    /// <inheritdoc />
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            _writer.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error ??= e;
        }
        if (_error is not null) throw new IOException($"{_path}: {_error.Message}", _error);
    }

    /// <summary>Closes the file (without throwing a write error: <see cref="Complete"/> reports it).</summary>
    public void Dispose()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            _writer.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error ??= e;
        }
    }
}
