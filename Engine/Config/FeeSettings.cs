namespace Hft.Engine.Config;

/// <summary>
/// Fees charged by the simulated venue (<c>[backtest.fees]</c>): by default as fractions of traded value. The
/// defaults are the command line's (Binance futures' maker rebate and taker fee as in hftbacktest's examples).
/// </summary>
/// <param name="Maker">Maker fee (<c>maker</c>), in the unit of <paramref name="Model"/>; negative is a rebate.</param>
/// <param name="Taker">Taker fee (<c>taker</c>).</param>
/// <param name="Model"><c>trading-value</c> (rates times traded value), <c>trading-qty</c> (amounts per unit of traded
/// quantity) or <c>flat-per-trade</c> (amounts per execution).</param>
public sealed record FeeSettings(double Maker = -0.00005, double Taker = 0.0007, string Model = "trading-value");
