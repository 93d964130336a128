using Hft.Core.Orders;

namespace Hft.Exchanges.Binance.Common;

/// <summary>Binance's order status words (futures and spot share them) in the engine's terms.</summary>
public static class BinanceOrderStatus
{
    /// <summary>The engine's status for <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a Binance order status.</exception>
    public static OrderStatus Parse(string? text) => text switch
    {
        "NEW" or "PENDING_NEW" => OrderStatus.New,
        "PARTIALLY_FILLED" => OrderStatus.PartiallyFilled,
        "FILLED" => OrderStatus.Filled,
        "CANCELED" or "PENDING_CANCEL" => OrderStatus.Canceled,
        // Expired by self-trade prevention, or an IOC/FOK remainder: the order is over without a cancel of ours.
        "EXPIRED" or "EXPIRED_IN_MATCH" => OrderStatus.Expired,
        "REJECTED" => OrderStatus.Rejected,
        _ => throw new FormatException($"unknown order status '{text}'"),
    };

    /// <summary>The Binance side word.</summary>
    public static string Side(Hft.Core.Markets.Side side) => side == Hft.Core.Markets.Side.Buy ? "BUY" : "SELL";
}
