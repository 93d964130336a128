using System.Text;
using Hft.Backtest.Data;
using Hft.Core.Markets;

namespace Hft.Backtest.Conversion.Tardis;

/// <summary>
/// Converts Tardis.dev CSV files (<c>trades</c> and <c>incremental_book_L2</c>, gzip or plain) into an hftbacktest
/// event file, with the rules of hftbacktest's <c>tardis.convert</c>:
/// <list type="bullet">
/// <item>times are microseconds: <c>exch_ts = timestamp × 1000</c>, <c>local_ts = local_timestamp × 1000</c>;</item>
/// <item>a trade is <c>TRADE|BUY</c> for side <c>buy</c>, <c>TRADE|SELL</c> for <c>sell</c>, and <c>TRADE</c> without
/// a side for <c>unknown</c>; px <c>price</c>, qty <c>amount</c>;</item>
/// <item>an update (<c>is_snapshot</c> false) is a <c>DEPTH</c> row on the <c>bid</c> (or <c>buy</c>) or
/// <c>ask</c> (<c>sell</c>) side; amount 0 deletes the level;</item>
/// <item>consecutive <c>is_snapshot</c> rows are one snapshot: a <c>DEPTH_CLEAR|BUY</c> up to the last bid given
/// (at the first bid's times), the bids as <c>DEPTH_SNAPSHOT</c> rows, then the same for the asks, written where
/// the snapshot ends; <see cref="SnapshotMode"/> can leave out the start-of-day snapshot or all of them;</item>
/// <item>trade files are read before book files, so that at equal times a trade comes before the depth update it
/// caused (the reference asks its caller to give them in that order); then the shared corrections of
/// <see cref="RawFileConverter"/> merge both in time order on each timeline.</item>
/// </list>
/// A file's kind comes from its name (<c>trades</c>, <c>incremental_book_L2</c>) or else its header; columns are found
/// by their header names. Unlike the reference: a snapshot at the very end of a file is written (the reference
/// drops it), a depth side other than bid/ask or a file mixing symbols is an error rather than a silent ask or a
/// mixed book, and every malformed line names its file and line.
/// </summary>
public sealed class TardisConverter : RawFileConverter
{
    private static readonly string[] TradeColumns = ["exchange", "symbol", "timestamp", "local_timestamp", "id", "side", "price", "amount"];
    private static readonly string[] BookColumns = ["exchange", "symbol", "timestamp", "local_timestamp", "is_snapshot", "side", "price", "amount"];

    /// <summary>A converter with <paramref name="options"/> (<see cref="ConversionOptions.Venue"/> is not used).</summary>
    public TardisConverter(ConversionOptions options) : base(options)
    {
    }

    /// <summary>What to do with snapshots; default all are converted.</summary>
    public TardisSnapshotMode SnapshotMode { get; init; } = TardisSnapshotMode.Process;

    /// <summary>The kind of a file from its name, or null when the name does not say.</summary>
    public static TardisFileKind? KindFromName(string path)
    {
        string name = Path.GetFileName(path);
        if (name.Contains("incremental_book_L2", StringComparison.Ordinal)) return TardisFileKind.IncrementalBookL2;
        if (name.Contains("trades", StringComparison.Ordinal)) return TardisFileKind.Trades;
        return null;
    }

    /// <inheritdoc />
    protected override EventRowStore ReadRows(IReadOnlyList<string> inputs, ConversionSummary summary)
    {
        var rows = new EventRowStore();
        // Kinds are known from names before reading; a file named neither way is placed once its header is read.
        var files = inputs.Select(p => (Path: p, Kind: KindFromName(p) ?? HeaderKind(p))).ToList();
        var ordered = files.Where(f => f.Kind == TardisFileKind.Trades).Concat(files.Where(f => f.Kind == TardisFileKind.IncrementalBookL2)).ToList();
        long done = 0;
        foreach (var (path, kind) in ordered)
        {
            using var reader = new CollectorLineReader(path);
            summary.Files++;
            summary.InputBytes += reader.Length;
            var file = new FileState(path, kind, summary, rows, SnapshotMode, Options.SkipBadLines, Warning);
            while (reader.TryReadLine(out var line))
            {
                summary.Lines++;
                summary.TextBytes += line.Length + 1;
                file.Line(line, reader.LineNumber);
                if (summary.Lines % ProgressEveryLines == 0) ReadProgress?.Report(done + reader.Position);
            }
            file.End(reader.LineNumber);
            done += reader.Length;
            ReadProgress?.Report(done);
        }
        return rows;
    }

    /// <summary>The kind of a file whose name does not say, from its header (the reference's fallback).</summary>
    private static TardisFileKind HeaderKind(string path)
    {
        using var reader = new CollectorLineReader(path);
        if (!reader.TryReadLine(out var line)) throw new CollectorFormatException(path, 1, "empty file: expected a Tardis CSV header");
        var names = Encoding.UTF8.GetString(line).Split(',');
        if (names.Contains("is_snapshot")) return TardisFileKind.IncrementalBookL2;
        if (names.Contains("id") && names.Contains("side")) return TardisFileKind.Trades;
        throw new CollectorFormatException(path, 1, $"neither a trades nor an incremental_book_L2 header: expected {string.Join(",", TradeColumns)} or {string.Join(",", BookColumns)}");
    }

    /// <summary>Reading one file: its header's columns, its symbol, and the snapshot being collected.</summary>
    private sealed class FileState
    {
        private readonly string _path;
        private readonly TardisFileKind _kind;
        private readonly ConversionSummary _summary;
        private readonly EventRowStore _rows;
        private readonly TardisSnapshotMode _mode;
        private readonly bool _skipBad;
        private readonly Action<ConversionWarning>? _warning;
        private TardisCsvLine _fields = new(16);
        private int[]? _column; // index in the line of each expected column
        private int _width;
        private byte[]? _symbol;
        private bool _sawUpdate;
        private bool _inSnapshot;
        private readonly List<MarketEvent> _snapshotBids = new();
        private readonly List<MarketEvent> _snapshotAsks = new();

        public FileState(string path, TardisFileKind kind, ConversionSummary summary, EventRowStore rows, TardisSnapshotMode mode,
            bool skipBad, Action<ConversionWarning>? warning)
        {
            _path = path;
            _kind = kind;
            _summary = summary;
            _rows = rows;
            _mode = mode;
            _skipBad = skipBad;
            _warning = warning;
        }

        public void Line(ReadOnlySpan<byte> line, long number)
        {
            if (_column is null)
            {
                Header(line, number);
                return;
            }
            if (line.IsEmpty) return; // a trailing blank line
            try
            {
                if (_kind == TardisFileKind.Trades) Trade(line);
                else Book(line);
            }
            catch (FormatException e) when (e is not CollectorFormatException)
            {
                if (!_skipBad) throw new CollectorFormatException(_path, number, e.Message, e);
                _summary.SkippedLines++;
                _warning?.Invoke(new ConversionWarning(_path, number, e.Message + " (skipped)"));
            }
        }

        /// <summary>At the end of the file a snapshot still being collected is written (the reference loses it).</summary>
        public void End(long lines)
        {
            if (_column is null) throw new CollectorFormatException(_path, lines + 1, "empty file: expected a Tardis CSV header");
            FlushSnapshot();
        }

        private void Header(ReadOnlySpan<byte> line, long number)
        {
            string[] expected = _kind == TardisFileKind.Trades ? TradeColumns : BookColumns;
            var names = Encoding.UTF8.GetString(line).Split(',');
            var column = new int[expected.Length];
            for (int i = 0; i < expected.Length; i++)
            {
                column[i] = Array.IndexOf(names, expected[i]);
                // id and exchange say nothing the rows need; the others are required.
                if (column[i] < 0 && expected[i] is not ("id" or "exchange"))
                    throw new CollectorFormatException(_path, number, $"the header has no '{expected[i]}' column (a {(_kind == TardisFileKind.Trades ? "trades" : "incremental_book_L2")} file has {string.Join(",", expected)})");
            }
            _column = column;
            _width = names.Length;
        }

        private ReadOnlySpan<byte> Split(ReadOnlySpan<byte> line)
        {
            if (!_fields.Split(line) || _fields.Count != _width)
                throw new FormatException($"expected {_width} comma-separated fields as in the header, found {(_fields.Count > _width ? "more" : _fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            return line;
        }

        private ReadOnlySpan<byte> Get(ReadOnlySpan<byte> line, int expectedIndex) => _fields.Field(line, _column![expectedIndex]);

        private (long Exchange, long Local, double Price, double Amount) Common(ReadOnlySpan<byte> line)
        {
            CheckSymbol(Get(line, 1));
            long exchange = Micros(Get(line, 2), "timestamp");
            long local = Micros(Get(line, 3), "local_timestamp");
            double price = Number(Get(line, 6), "price");
            double amount = Number(Get(line, 7), "amount");
            return (exchange, local, price, amount);
        }

        private void Trade(ReadOnlySpan<byte> line)
        {
            Split(line);
            var (exchange, local, price, amount) = Common(line);
            var side = Get(line, 5);
            ulong flags = side.SequenceEqual("buy"u8) ? EventFlags.Buy
                : side.SequenceEqual("sell"u8) ? EventFlags.Sell
                : side.SequenceEqual("unknown"u8) || side.IsEmpty ? 0UL
                : throw new FormatException($"side '{Encoding.UTF8.GetString(side)}' is not buy, sell or unknown");
            _rows.Add(new MarketEvent(EventFlags.Trade | flags, exchange, local, price, amount));
            _summary.Trades++;
        }

        private void Book(ReadOnlySpan<byte> line)
        {
            Split(line);
            var snapshotText = Get(line, 4);
            bool snapshot = snapshotText.SequenceEqual("true"u8) || (snapshotText.SequenceEqual("false"u8) ? false
                : throw new FormatException($"is_snapshot '{Encoding.UTF8.GetString(snapshotText)}' is not true or false"));
            var (exchange, local, price, amount) = Common(line);
            var sideText = Get(line, 5);
            ulong side = sideText.SequenceEqual("bid"u8) || sideText.SequenceEqual("buy"u8) ? EventFlags.Buy
                : sideText.SequenceEqual("ask"u8) || sideText.SequenceEqual("sell"u8) ? EventFlags.Sell
                : throw new FormatException($"side '{Encoding.UTF8.GetString(sideText)}' is not bid or ask");
            if (snapshot)
            {
                if (_mode == TardisSnapshotMode.Ignore || (_mode == TardisSnapshotMode.IgnoreStartOfDay && !_sawUpdate))
                {
                    _summary.IgnoredMessages++;
                    return;
                }
                _inSnapshot = true;
                (side == EventFlags.Buy ? _snapshotBids : _snapshotAsks).Add(new MarketEvent(EventFlags.DepthSnapshot | side, exchange, local, price, amount));
                return;
            }
            _sawUpdate = true;
            FlushSnapshot();
            _rows.Add(new MarketEvent(EventFlags.Depth | side, exchange, local, price, amount));
            _summary.DepthUpdates++;
            _summary.DepthRows++;
        }

        private void FlushSnapshot()
        {
            if (!_inSnapshot) return;
            _inSnapshot = false;
            _summary.Snapshots++;
            foreach (var (levels, side) in new[] { (_snapshotBids, EventFlags.Buy), (_snapshotAsks, EventFlags.Sell) })
            {
                if (levels.Count == 0) continue;
                // Cleared up to the furthest level given, at the snapshot's first row's times, as the reference.
                _rows.Add(new MarketEvent(EventFlags.DepthClear | side, levels[0].ExchangeTime, levels[0].LocalTime, levels[^1].Price, 0));
                foreach (var row in levels) _rows.Add(row);
                _summary.SnapshotRows += levels.Count + 1;
                levels.Clear();
            }
        }

        private void CheckSymbol(ReadOnlySpan<byte> symbol)
        {
            if (_symbol is null)
            {
                _symbol = symbol.ToArray();
                return;
            }
            if (!symbol.SequenceEqual(_symbol))
                throw new FormatException($"symbol '{Encoding.UTF8.GetString(symbol)}' differs from the file's first, '{Encoding.UTF8.GetString(_symbol)}': convert one symbol per output");
        }

        private static long Micros(ReadOnlySpan<byte> text, string column)
        {
            if (!TardisCsvLine.TryInteger(text, out long micros)) throw new FormatException($"{column} '{Encoding.UTF8.GetString(text)}' is not an integer number of microseconds");
            if (micros < 0 || micros > long.MaxValue / 1000) throw new FormatException($"{column} {micros} µs is out of range");
            return micros * 1000;
        }

        private static double Number(ReadOnlySpan<byte> text, string column)
        {
            if (!DecimalText.TryParse(text, out double value) || !double.IsFinite(value) || value < 0)
                throw new FormatException($"{column} '{Encoding.UTF8.GetString(text)}' is not a number of 0 or more");
            return value;
        }
    }
}
