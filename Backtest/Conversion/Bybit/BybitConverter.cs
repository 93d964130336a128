using Hft.Backtest.Data;

namespace Hft.Backtest.Conversion.Bybit;

/// <summary>
/// Converts raw Bybit collector files (v5 public linear stream: <c>orderbook.{depth}.{symbol}</c> and
/// <c>publicTrade.{symbol}</c>) into an hftbacktest event file, as <c>bybit.convert</c> does: parse every line
/// (<see cref="BybitMessageParser"/>), then the same local-timestamp and event-order corrections as for Binance
/// (<see cref="RawFileConverter"/>). Update ids are checked per depth topic: each delta's <c>u</c> must follow the
/// previous message's by one; a snapshot (or <c>u</c> = 1, a service restart) starts the count afresh.
/// </summary>
public sealed class BybitConverter : RawFileConverter
{
    /// <summary>A converter with <paramref name="options"/> (<see cref="ConversionOptions.Venue"/> is not used).</summary>
    public BybitConverter(ConversionOptions options) : base(options)
    {
    }

    /// <summary>Only this order-book depth gives rows; null: every depth, as the reference.</summary>
    public int? Depth { get; init; }

    /// <inheritdoc />
    protected override EventRowStore ReadRows(IReadOnlyList<string> inputs, ConversionSummary summary)
    {
        _lastStream = null;
        var rows = new EventRowStore();
        var parser = new BybitMessageParser { Depth = Depth };
        ReadCollectorLines(inputs, summary, (line, path, lineNumber) =>
        {
            int before = rows.Count;
            var kind = parser.ParseLine(line, rows);
            int added = rows.Count - before;
            switch (kind)
            {
                case BybitMessageKind.Trades:
                    // One message may hold many trades: the summary counts trades, as for Binance (one per message).
                    summary.Trades += added;
                    break;
                case BybitMessageKind.Delta:
                    summary.DepthUpdates++;
                    summary.DepthRows += added;
                    Track(summary, parser, snapshot: false);
                    break;
                case BybitMessageKind.Snapshot:
                    summary.Snapshots++;
                    summary.SnapshotRows += added;
                    Track(summary, parser, snapshot: true);
                    break;
                case BybitMessageKind.VenueError:
                    summary.VenueErrors++;
                    Warning?.Invoke(new ConversionWarning(path, lineNumber, parser.LastVenueError));
                    break;
                default:
                    summary.IgnoredMessages++;
                    break;
            }
        });
        return rows;
    }

    private int _lastDepth = -1;
    private UpdateIdTracker? _lastStream;

    private void Track(ConversionSummary summary, BybitMessageParser parser, bool snapshot)
    {
        // Messages of one depth come in runs: the name is made only when the depth changes.
        if (parser.LastDepth != _lastDepth || _lastStream is null)
        {
            _lastDepth = parser.LastDepth;
            _lastStream = summary.Quality.Stream("orderbook." + _lastDepth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var stream = _lastStream;
        // A snapshot replaces the book, and u = 1 means Bybit restarted the service: nothing to continue from.
        if (snapshot || (parser.LastUpdate.HasIds && parser.LastUpdate.LastId == 1)) stream.Restart();
        stream.Next(parser.LastUpdate);
    }
}
