using Hft.Backtest.Conversion;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Exchanges.Common;

namespace Hft.Engine.Live;

/// <summary>
/// Turns a session's recorded collector files into event files with <c>convert</c>'s own converter, so a recording
/// replays with exactly the rows the live books were given; the raw files are kept only on request.
/// </summary>
internal static class RecordedFiles
{
    /// <summary>Converts every finished file of <paramref name="recorder"/> (after it is disposed) next to it, <c>.gz</c> → <c>.npz</c>.</summary>
    public static void Convert(CollectorFileRecorder recorder, VenueKind venue, bool keepRaw, bool json, Serilog.ILogger log)
    {
        recorder.Dispose();
        var results = new List<(string File, long Rows)>();
        foreach (string raw in recorder.Finished.Distinct(StringComparer.Ordinal))
        {
            string output = Path.ChangeExtension(raw, ".npz");
            var options = new ConversionOptions { Venue = venue == VenueKind.BinanceSpot ? BinanceVenue.Spot : BinanceVenue.Futures, SkipBadLines = true };
            RawFileConverter converter = venue == VenueKind.Bybit ? new Hft.Backtest.Conversion.Bybit.BybitConverter(options) : new BinanceConverter(options);
            // A recording cut off mid-line by a crash still converts: the torn last line is skipped with a warning.
            converter.Warning = w => log.Warning("{File}: {Warning}", raw, w.ToString());
            var summary = converter.Convert([raw], output);
            results.Add((output, summary.RowsWritten));
            if (!keepRaw) File.Delete(raw);
            log.Information("Recorded {Rows:N0} rows to {File}", summary.RowsWritten, output);
        }
        if (json)
        {
            Console.Out.WriteLine(Json.Object(w =>
            {
                w.WriteStartArray("files");
                foreach (var (file, rows) in results)
                {
                    w.WriteStartObject();
                    w.WriteString("file", file);
                    w.WriteNumber("rows", rows);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }));
        }
        else
        {
            foreach (var (file, rows) in results) Console.Out.WriteLine($"{file}  {rows:N0} rows");
        }
    }
}
