namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>One execution of an order as the user stream reports it.</summary>
/// <param name="Lots">Quantity filled (o.l).</param>
/// <param name="PriceTick">Fill price (o.L).</param>
/// <param name="Commission">o.n: the venue's sign, negative when charged.</param>
/// <param name="TradeId">o.t.</param>
/// <param name="Maker">o.m.</param>
/// <param name="RealizedProfit">o.rp.</param>
public sealed record FillReport(long Lots, long PriceTick, decimal Commission, long TradeId, bool Maker, decimal RealizedProfit);
