using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Core.Markets;

namespace Hft.Backtest.Venue;

/// <summary>Which fill rules the simulated exchange applies (hftbacktest's <c>ExchangeKind</c>).</summary>
public enum ExchangeModel
{
    /// <summary>Every fill is complete (<see cref="NoPartialFillExchange"/>, the reference's default).</summary>
    NoPartialFill,
    /// <summary>Fills as much as the book or the queue allows (<see cref="PartialFillExchange"/>).</summary>
    PartialFill,
}

/// <summary>Names and construction of the exchange models.</summary>
public static class ExchangeModels
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["no-partial-fill", "partial-fill"];

    /// <summary>The model of a name.</summary>
    public static ExchangeModel Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "no-partial-fill" or "nopartialfill" => ExchangeModel.NoPartialFill,
        "partial-fill" or "partialfill" => ExchangeModel.PartialFill,
        _ => throw new ArgumentException($"unknown exchange model '{name}'; available: {string.Join(", ", Names)}"),
    };

    /// <summary>The name of a model.</summary>
    public static string NameOf(ExchangeModel model) => model == ExchangeModel.PartialFill ? "partial-fill" : "no-partial-fill";

    /// <summary>Makes the exchange of instrument <paramref name="index"/>.</summary>
    public static L2Exchange Create(ExchangeModel model, int index, Instrument instrument, IQueueModel queue, IFeeModel fees) =>
        model == ExchangeModel.PartialFill
            ? new PartialFillExchange(index, instrument, queue, fees)
            : new NoPartialFillExchange(index, instrument, queue, fees);
}
