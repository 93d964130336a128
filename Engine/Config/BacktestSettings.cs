using Hft.Backtest.Data.Validation;

namespace Hft.Engine.Config;

/// <summary>
/// Models of the simulated venue (<c>[backtest]</c>). A backtest uses them against recorded data; paper
/// trading uses the same models to fill orders against live data.
/// </summary>
/// <param name="Latency">Order latency (<c>[backtest.latency]</c>).</param>
/// <param name="Queue">Queue position (<c>[backtest.queue]</c>).</param>
/// <param name="Fees">Fees (<c>[backtest.fees]</c>).</param>
/// <param name="Exchange">Fill rules, <c>no-partial-fill</c>, <c>partial-fill</c> or <c>l3</c> (<c>[backtest.exchange]</c>).</param>
/// <param name="OnDataError">What a replay does with a market-by-order row the reference refuses (<c>on_data_error</c>).</param>
public sealed record BacktestSettings(LatencySettings Latency, QueueSettings Queue, FeeSettings Fees, string Exchange = "no-partial-fill",
    DataErrorPolicy OnDataError = DataErrorPolicy.Stop)
{
    /// <summary>All defaults: constant 1 ms latencies, risk-averse queue, default fees.</summary>
    public BacktestSettings() : this(new LatencySettings(), new QueueSettings(), new FeeSettings())
    {
    }
}
