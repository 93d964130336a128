using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// Converts raw Binance collector files into an hftbacktest event file, as <c>binancefutures.convert</c> does:
/// parse every line (<see cref="BinanceMessageParser"/>), then the shared corrections of <see cref="RawFileConverter"/>.
/// </summary>
/// <remarks>
/// Several files are read in the order given, as one concatenated input: converting <c>a.gz b.gz</c> gives the
/// same rows as converting one file holding the lines of <c>a</c> then <c>b</c>. That differs from converting them
/// one by one with hftbacktest (one output per file): the timestamp correction uses one offset for all of them and
/// the order correction can move rows across the file boundary. Give days in chronological order.
/// </remarks>
public sealed class BinanceConverter : RawFileConverter
{
    /// <summary>A converter with <paramref name="options"/>.</summary>
    public BinanceConverter(ConversionOptions options) : base(options)
    {
        if (!Enum.IsDefined(options.Venue)) throw new ArgumentOutOfRangeException(nameof(options), $"unknown venue {options.Venue}");
    }

    /// <inheritdoc />
    protected override EventRowStore ReadRows(IReadOnlyList<string> inputs, ConversionSummary summary)
    {
        var rows = new EventRowStore();
        var parser = new BinanceMessageParser(Options.Venue);
        ReadCollectorLines(inputs, summary, (line, path, lineNumber) =>
        {
            int before = rows.Count;
            var kind = parser.ParseLine(line, rows);
            Count(summary, kind, rows.Count - before);
            if (kind == RawMessageKind.DepthUpdate) summary.Quality.UpdateIds.Next(parser.LastUpdate);
            else if (kind == RawMessageKind.Snapshot && parser.LastSnapshotTimeAssigned) summary.Quality.SnapshotTimesAssigned++;
            if (kind == RawMessageKind.VenueError)
                Warning?.Invoke(new ConversionWarning(path, lineNumber, parser.LastVenueError));
        });
        return rows;
    }

    private static void Count(ConversionSummary summary, RawMessageKind kind, int rows)
    {
        switch (kind)
        {
            case RawMessageKind.Trade:
                summary.Trades++;
                break;
            case RawMessageKind.DepthUpdate:
                summary.DepthUpdates++;
                summary.DepthRows += rows;
                break;
            case RawMessageKind.Snapshot:
                summary.Snapshots++;
                summary.SnapshotRows += rows;
                break;
            case RawMessageKind.NonMarketTrade:
                summary.NonMarketTrades++;
                break;
            case RawMessageKind.VenueError:
                summary.VenueErrors++;
                break;
            default:
                summary.IgnoredMessages++;
                break;
        }
    }
}
