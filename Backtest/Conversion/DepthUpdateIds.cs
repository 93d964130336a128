namespace Hft.Backtest.Conversion;

/// <summary>The update ids of one depth message, for gap detection.</summary>
/// <param name="HasIds">False if the message carried no first and last id (nothing can be checked).</param>
/// <param name="FirstId">First update id in the message (Binance <c>U</c>).</param>
/// <param name="LastId">Last update id in the message (Binance <c>u</c>, Bybit <c>u</c>).</param>
/// <param name="HasPreviousId">True if the message names the last id of the one before it (Binance futures <c>pu</c>).</param>
/// <param name="PreviousId">That id.</param>
/// <param name="ExchangeTime">The message's exchange time (ns).</param>
/// <param name="LocalTime">Its receive time (ns).</param>
public readonly record struct DepthUpdateIds(bool HasIds, long FirstId, long LastId, bool HasPreviousId, long PreviousId, long ExchangeTime, long LocalTime);
