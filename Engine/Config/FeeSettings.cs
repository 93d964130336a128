namespace Hft.Engine.Config;

/// <summary>
/// Fees charged by the simulated venue (<c>[backtest.fees]</c>) as fractions of traded value. The defaults
/// are the command line's (Binance futures' maker rebate and taker fee as in hftbacktest's examples).
/// </summary>
/// <param name="Maker">Maker fee rate (<c>maker</c>); negative is a rebate.</param>
/// <param name="Taker">Taker fee rate (<c>taker</c>).</param>
/// <param name="Model"><c>trading-value</c> (rates times traded value) or <c>flat-per-trade</c> (maker and taker are amounts per execution).</param>
public sealed record FeeSettings(double Maker = -0.00005, double Taker = 0.0007, string Model = "trading-value");
