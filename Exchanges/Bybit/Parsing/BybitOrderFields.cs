using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Exchanges.Bybit.Parsing;

/// <summary>The engine's order fields in Bybit's words, and Bybit's order statuses in the engine's.</summary>
public static class BybitOrderFields
{
    /// <summary><c>Buy</c> or <c>Sell</c>.</summary>
    public static string Side(Side side) => side switch
    {
        Core.Markets.Side.Buy => "Buy",
        Core.Markets.Side.Sell => "Sell",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "an order needs a side"),
    };

    /// <summary><c>GTC</c>, <c>PostOnly</c>, <c>IOC</c> or <c>FOK</c>.</summary>
    public static string TimeInForce(TimeInForce tif) => tif switch
    {
        Core.Orders.TimeInForce.Gtc => "GTC",
        // Post-only is a time in force on Bybit (GTX on Binance futures, LIMIT_MAKER on spot).
        Core.Orders.TimeInForce.Gtx => "PostOnly",
        Core.Orders.TimeInForce.Ioc => "IOC",
        Core.Orders.TimeInForce.Fok => "FOK",
        _ => throw new ArgumentOutOfRangeException(nameof(tif), tif, null),
    };

    /// <summary>
    /// The engine's status for Bybit's <c>orderStatus</c>. A <c>Cancelled</c> order that the venue ended itself because it
    /// would have taken liquidity (post-only) or found nothing to fill (IOC, FOK) is <see cref="OrderStatus.Expired"/>, as
    /// the backtest and the Binance gateways report it; one cancelled by us or by the venue otherwise is
    /// <see cref="OrderStatus.Canceled"/>.
    /// </summary>
    /// <exception cref="FormatException">An unknown status.</exception>
    public static OrderStatus Status(string orderStatus, string? rejectReason) => orderStatus switch
    {
        "New" or "Untriggered" or "Triggered" or "Created" => OrderStatus.New,
        "PartiallyFilled" => OrderStatus.PartiallyFilled,
        "Filled" => OrderStatus.Filled,
        "Cancelled" or "PartiallyFilledCanceled" or "Deactivated" when rejectReason is "EC_PostOnlyWillTakeLiquidity" or "EC_NoImmediateQtyToFill"
            => OrderStatus.Expired,
        "Cancelled" or "PartiallyFilledCanceled" or "Deactivated" => OrderStatus.Canceled,
        "Rejected" => OrderStatus.Rejected,
        _ => throw new FormatException($"unknown orderStatus '{orderStatus}'"),
    };
}
