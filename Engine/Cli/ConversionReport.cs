using System.Globalization;
using System.Text.Json;
using Hft.Backtest.Conversion;
using Hft.Core.Time;

namespace Hft.Engine.Cli;

/// <summary>The end of every <c>convert</c>: what was read and written, and the data-quality report, as text or as one JSON object.</summary>
internal static class ConversionReport
{
    /// <summary>Gaps listed one per line in the text; all kept ones are in the JSON.</summary>
    private const int GapsShown = 10;

    public static string Text(ConversionSummary s, string output)
    {
        var c = CultureInfo.InvariantCulture;
        var q = s.Quality;
        double seconds = Math.Max(s.TotalTime.TotalSeconds, 1e-9);
        string N(long v) => v.ToString("N0", c);
        var lines = new List<string>
        {
            $"wrote {N(s.RowsWritten)} rows to {output}",
            $"  lines read      {N(s.Lines)} from {s.Files} file(s), {(s.InputBytes / 1e6).ToString("F1", c)} MB on disk, {(s.TextBytes / 1e6).ToString("F1", c)} MB text",
            $"  trades          {N(s.Trades)} (non-market dropped: {N(s.NonMarketTrades)})",
            $"  depth rows      {N(s.DepthRows)} from {N(s.DepthUpdates)} depth update messages",
            $"  snapshots       {N(s.Snapshots)} ({N(s.SnapshotRows)} rows)",
            $"  skipped         {N(s.IgnoredMessages)} other stream messages, {N(s.VenueErrors)} venue errors, {N(s.SkippedLines)} bad lines",
            $"  time span       {Span(q)}",
            $"  update ids      {UpdateIds(q)}",
        };
        var gaps = q.AllGaps();
        bool named = q.Streams.Count > 1;
        for (int i = 0; i < Math.Min(GapsShown, gaps.Count); i++)
        {
            var (stream, g) = gaps[i];
            lines.Add($"    gap {(named ? "in " + stream + " " : "")}at {Nanos.Format(g.LocalTime)} (exch {Nanos.Format(g.ExchangeTime)}): expected {g.Expected.ToString(c)}, found {g.Found.ToString(c)}");
        }
        if (q.GapCount > GapsShown) lines.Add($"    ... {N(q.GapCount - GapsShown)} more gap(s) (in --json, up to {N(UpdateIdTracker.KeptGaps)} a stream)");
        lines.AddRange(
        [
            $"  local time      {(s.LocalTimeOffset == 0 ? "unchanged" : $"shifted by {N(s.LocalTimeOffset)} ns")} (min latency {(s.RowsConverted == 0 ? "n/a" : N(s.MinimumLatency) + " ns")})",
            $"  corrected       {N(q.NegativeLatencyRows)} rows arrived before their exchange time, {N(q.ShiftedRows)} local times shifted, " +
            $"{N(s.SplitRows)} rows split into EXCH-only and LOCAL-only rows, {N(q.SnapshotTimesAssigned)} snapshot times assigned",
            $"  order           {N(s.RowsConverted)} rows converted",
            $"  time            {seconds.ToString("F2", c)} s (read {s.ReadTime.TotalSeconds.ToString("F2", c)}, correct {s.CorrectionTime.TotalSeconds.ToString("F2", c)}, write {s.WriteTime.TotalSeconds.ToString("F2", c)}): " +
            $"{N((long)(s.RowsWritten / seconds))} rows/s, {(s.InputBytes / 1e6 / seconds).ToString("F1", c)} MB/s of input",
        ]);
        return string.Join(Environment.NewLine, lines);
    }

    private static string Span(DataQuality q)
    {
        if (q.Rows == 0) return "no rows";
        double seconds = (q.LastExchangeTime - q.FirstExchangeTime) / (double)Nanos.PerSecond;
        return $"exch {Nanos.Format(q.FirstExchangeTime)} .. {Nanos.Format(q.LastExchangeTime)} ({seconds.ToString("F1", CultureInfo.InvariantCulture)} s), " +
            $"local {Nanos.Format(q.FirstLocalTime)} .. {Nanos.Format(q.LastLocalTime)}";
    }

    private static string UpdateIds(DataQuality q)
    {
        var c = CultureInfo.InvariantCulture;
        string without = q.UpdatesWithoutIds > 0 ? $", {q.UpdatesWithoutIds.ToString("N0", c)} without ids" : "";
        if (q.Streams.Count == 0) return "none in the data (nothing to check)";
        string gaps = q.GapCount == 0 ? "no gaps" : $"{q.GapCount.ToString("N0", c)} gap(s)";
        string streams = q.Streams.Count > 1 ? $" in {q.Streams.Count} streams ({string.Join(", ", q.Streams.Select(t => t.Name))})" : "";
        return $"{gaps} ({q.UpdatesChecked.ToString("N0", c)} depth messages checked against the one before{streams}{without})";
    }

    public static string Json(ConversionSummary s, string output) => Cli.Json.Object(w =>
    {
        var q = s.Quality;
        w.WriteString("output", output);
        w.WriteNumber("rows_written", s.RowsWritten);
        w.WriteNumber("rows_converted", s.RowsConverted);
        w.WriteNumber("files", s.Files);
        w.WriteNumber("lines", s.Lines);
        w.WriteNumber("input_bytes", s.InputBytes);
        w.WriteNumber("text_bytes", s.TextBytes);
        w.WriteStartObject("messages");
        w.WriteNumber("trade", s.Trades);
        w.WriteNumber("non_market_trade", s.NonMarketTrades);
        w.WriteNumber("depth_update", s.DepthUpdates);
        w.WriteNumber("snapshot", s.Snapshots);
        w.WriteNumber("venue_error", s.VenueErrors);
        w.WriteNumber("ignored", s.IgnoredMessages);
        w.WriteNumber("bad_line", s.SkippedLines);
        w.WriteEndObject();
        w.WriteStartObject("rows");
        w.WriteNumber("trade", s.Trades);
        w.WriteNumber("depth", s.DepthRows);
        w.WriteNumber("snapshot", s.SnapshotRows);
        w.WriteEndObject();
        w.WriteStartObject("time_span");
        if (q.Rows > 0)
        {
            w.WriteNumber("first_exch_ts", q.FirstExchangeTime);
            w.WriteNumber("last_exch_ts", q.LastExchangeTime);
            w.WriteNumber("first_local_ts", q.FirstLocalTime);
            w.WriteNumber("last_local_ts", q.LastLocalTime);
            w.Number("seconds", (q.LastExchangeTime - q.FirstExchangeTime) / (double)Nanos.PerSecond);
        }
        w.WriteEndObject();
        w.WriteStartObject("update_ids");
        w.WriteNumber("checked", q.UpdatesChecked);
        w.WriteNumber("without_ids", q.UpdatesWithoutIds);
        w.WriteNumber("gap_count", q.GapCount);
        w.WriteStartArray("streams");
        foreach (var t in q.Streams)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Name);
            w.WriteNumber("checked", t.Checked);
            w.WriteNumber("gap_count", t.GapCount);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("gaps");
        foreach (var (stream, g) in q.AllGaps())
        {
            w.WriteStartObject();
            w.WriteString("stream", stream);
            w.WriteNumber("local_ts", g.LocalTime);
            w.WriteNumber("exch_ts", g.ExchangeTime);
            w.WriteString("time", Nanos.Format(g.LocalTime));
            w.WriteNumber("expected", g.Expected);
            w.WriteNumber("found", g.Found);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("corrected");
        w.WriteNumber("negative_latency_rows", q.NegativeLatencyRows);
        w.WriteNumber("local_time_shifted_rows", q.ShiftedRows);
        w.WriteNumber("local_time_offset_ns", s.LocalTimeOffset);
        w.WriteNumber("split_rows", s.SplitRows);
        w.WriteNumber("snapshot_times_assigned", q.SnapshotTimesAssigned);
        w.WriteEndObject();
        if (s.RowsConverted > 0) w.WriteNumber("min_latency_ns", s.MinimumLatency);
        w.Number("seconds", s.TotalTime.TotalSeconds);
        w.Number("rows_per_second", s.RowsWritten / Math.Max(s.TotalTime.TotalSeconds, 1e-9));
        w.Number("input_mb_per_second", s.InputBytes / 1e6 / Math.Max(s.TotalTime.TotalSeconds, 1e-9));
    });
}
