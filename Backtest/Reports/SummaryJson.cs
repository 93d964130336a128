using System.Text;
using System.Text.Json;
using Hft.Backtest.Recording;
using Hft.Backtest.Runs;
using Hft.Backtest.Statistics;
using Hft.Core.Markets;
using Hft.Core.Time;

namespace Hft.Backtest.Reports;

/// <summary>
/// Writes <c>summary.json</c>: the run, how statistics were computed, the portfolio's and each instrument's
/// statistics (every metric of <see cref="MetricCatalog"/>, undefined ones as <c>null</c>), and the configuration.
/// Nothing from the wall clock or the machine is written, so the same run gives the same bytes.
/// </summary>
public static class SummaryJson
{
    /// <summary>The format tag at the top of the file.</summary>
    public const string Format = "hft-engine-backtest-summary/1";

    /// <summary>The document as UTF-8 text.</summary>
    public static string Render(BacktestResult result, RunDescription run)
    {
        var recording = result.Recording ?? throw new ArgumentException("The run had no recorder.", nameof(result));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("title", run.Title);
            w.WriteStartObject("run");
            w.WriteNumber("events", result.Events);
            w.WriteNumber("orders", result.Orders);
            w.WriteNumber("fills", result.Fills);
            w.WriteNumber("start_time", result.FirstTime);
            w.WriteNumber("end_time", result.LastTime);
            w.WriteString("start", Nanos.Format(result.FirstTime));
            w.WriteString("end", Nanos.Format(result.LastTime));
            w.WriteNumber("dead_letters", result.DeadLetters);
            w.WriteEndObject();

            var o = recording.Options;
            w.WriteStartObject("statistics_settings");
            w.WriteNumber("record_interval_ms", recording.IntervalNanos / 1e6);
            w.WriteNumber("resample_interval_s", o.IntervalNanos / 1e9);
            w.WriteNumber("days_per_year", o.DaysPerYear);
            Number(w, "book_size", o.BookSize);
            w.WriteNumber("samples_per_day", o.SamplesPerDay);
            w.WriteNumber("annualisation_factor", o.AnnualisationFactor);
            w.WriteNumber("recorded_rows", recording.Samples);
            w.WriteEndObject();

            w.WriteStartObject("portfolio");
            Metrics(w, recording.Portfolio);
            w.WriteEndObject();

            w.WriteStartArray("instruments");
            foreach (var i in recording.Instruments)
            {
                w.WriteStartObject();
                w.WriteString("symbol", i.Instrument.Symbol);
                w.WriteString("venue", i.Instrument.Venue);
                w.WriteString("contract", i.Instrument.Kind == ContractKind.Linear ? "linear" : "inverse");
                Metrics(w, i.Statistics);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("configuration");
            foreach (var (key, value) in run.Configuration) w.WriteString(key, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes every metric of <paramref name="s"/> as a property.</summary>
    public static void Metrics(Utf8JsonWriter w, PerformanceStatistics s)
    {
        foreach (var m in MetricCatalog.All)
        {
            switch (m.Read(s))
            {
                case null:
                    w.WriteNull(m.Key);
                    break;
                case bool b:
                    w.WriteBoolean(m.Key, b);
                    break;
                case long l:
                    w.WriteNumber(m.Key, l);
                    break;
                case double d:
                    Number(w, m.Key, d);
                    break;
                case var other:
                    throw new InvalidOperationException($"metric {m.Key}: unexpected value type {other.GetType().Name}");
            }
        }
    }

    private static void Number(Utf8JsonWriter w, string key, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(key, v);
        else w.WriteNull(key);
    }
}
