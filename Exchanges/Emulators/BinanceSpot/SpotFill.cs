namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>One execution of an account's order: what FULL responses list and what a TRADE executionReport carries.</summary>
/// <param name="Price">Execution price.</param>
/// <param name="Quantity">Executed base quantity.</param>
/// <param name="Commission">Commission charged (0 when none).</param>
/// <param name="CommissionAsset">Asset it was charged in (the asset received), null when nothing was charged.</param>
/// <param name="TradeId">The trade's id (shared with the public trade stream's numbering).</param>
/// <param name="Maker">True if the order provided liquidity.</param>
public sealed record SpotFill(decimal Price, decimal Quantity, decimal Commission, string? CommissionAsset, long TradeId, bool Maker);
