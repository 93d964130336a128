using System.Globalization;
using System.Text.Json;
using Hft.Backtest.Data.Validation;
using Hft.Engine.Config;

namespace Hft.Engine.Cli;

/// <summary>
/// What <c>--on-data-error skip</c> left out of a backtest, per instrument: the count by reason for the summary and
/// <c>--json</c>, and the first rows in the log.
/// </summary>
internal sealed class SkippedRows(IReadOnlyList<InstrumentSettings> instruments, IReadOnlyList<MarketByOrderValidator> validators)
{
    private static readonly MarketByOrderProblem[] Reasons =
        [MarketByOrderProblem.DuplicateAdd, MarketByOrderProblem.UnknownCancel, MarketByOrderProblem.UnknownModify, MarketByOrderProblem.UnknownFill];

    /// <summary>Rows left out over every instrument.</summary>
    public long Total => validators.Sum(v => v.SkippedRows);

    /// <summary>Lines for the text summary: the total, then one per instrument that lost rows.</summary>
    public IEnumerable<string> TextLines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return $"skipped rows   {Total.ToString("N0", c)} (market-by-order rows the reference refuses, left out by --on-data-error skip)";
        for (int i = 0; i < validators.Count; i++)
        {
            if (validators[i].SkippedRows > 0) yield return $"{instruments[i].Symbol,-14} skipped {validators[i].Summary()}";
        }
    }

    /// <summary>Writes <c>skipped_rows</c> (the total) and <c>skipped_by_reason</c> (summed over instruments, every reason present).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteNumber("skipped_rows", Total);
        w.WriteStartObject("skipped_by_reason");
        foreach (var reason in Reasons) w.WriteNumber(MarketByOrderValidator.KeyOf(reason), validators.Sum(v => v.Skipped(reason)));
        w.WriteEndObject();
    }

    /// <summary>Logs the first rows left out of each instrument, so that the user can look them up.</summary>
    public void Log(Serilog.ILogger log)
    {
        for (int i = 0; i < validators.Count; i++)
        {
            var v = validators[i];
            foreach (var line in v.Examples) log.Warning("Skipped {Line}", line);
            if (v.SkippedRows > v.Examples.Count) log.Warning("Skipped {More:N0} more rows of {Symbol}", v.SkippedRows - v.Examples.Count, instruments[i].Symbol);
        }
    }
}
