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
    /// <summary>Market-by-order data: FIFO queues of the feed's orders and ours (<see cref="L3Exchange"/>).</summary>
    L3,
}

/// <summary>Names and construction of the exchange models.</summary>
public static class ExchangeModels
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["no-partial-fill", "partial-fill", "l3"];

    /// <summary>The model of a name.</summary>
    public static ExchangeModel Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "no-partial-fill" or "nopartialfill" => ExchangeModel.NoPartialFill,
        "partial-fill" or "partialfill" => ExchangeModel.PartialFill,
        "l3" or "l3-fifo" => ExchangeModel.L3,
        _ => throw new ArgumentException($"unknown exchange model '{name}'; available: {string.Join(", ", Names)}"),
    };

    /// <summary>The name of a model.</summary>
    public static string NameOf(ExchangeModel model) => model switch
    {
        ExchangeModel.PartialFill => "partial-fill",
        ExchangeModel.L3 => "l3",
        _ => "no-partial-fill",
    };

    /// <summary>Makes the exchange of instrument <paramref name="index"/> (the L3 exchange keeps its own FIFO queues; the queue model is for L2).</summary>
    public static SimulatedExchange Create(ExchangeModel model, int index, Instrument instrument, IQueueModel queue, IFeeModel fees) => model switch
    {
        ExchangeModel.PartialFill => new PartialFillExchange(index, instrument, queue, fees),
        ExchangeModel.L3 => new L3Exchange(index, instrument, fees),
        _ => new NoPartialFillExchange(index, instrument, queue, fees),
    };
}
