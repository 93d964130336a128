namespace Hft.Backtest.Conversion;

/// <summary>A break in a depth stream's update ids: messages were lost between two that arrived.</summary>
/// <param name="LocalTime">Receive time (ns) of the first message after the gap, as in the raw file (before any local-time correction).</param>
/// <param name="ExchangeTime">Its exchange time (ns).</param>
/// <param name="Expected">The id it should have continued from (Binance futures: its <c>pu</c> should be this <c>u</c>; otherwise its first id should be the previous last id + 1).</param>
/// <param name="Found">The id it carried instead.</param>
public readonly record struct UpdateIdGap(long LocalTime, long ExchangeTime, long Expected, long Found);
