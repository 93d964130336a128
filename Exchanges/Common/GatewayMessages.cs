namespace Hft.Exchanges.Common;

/// <summary>
/// Asks a gateway to stop trading before the session ends: cancel our open orders if <paramref name="CancelOpenOrders"/>,
/// then count what the venue still holds. Answered with <see cref="TradingStopped"/>.
/// </summary>
/// <param name="CancelOpenOrders">Cancel every open order (the config's <c>cancel_on_stop</c>).</param>
public sealed record StopTrading(bool CancelOpenOrders);

/// <summary>The answer to <see cref="StopTrading"/>.</summary>
/// <param name="OpenOrders">Open orders the venue still holds (-1 if it could not be asked).</param>
public sealed record TradingStopped(int OpenOrders);
