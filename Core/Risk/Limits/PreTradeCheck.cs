using Hft.Core.Books;
using Hft.Core.Orders;
using Hft.Core.Portfolio;

namespace Hft.Core.Risk.Limits;

/// <summary>One order on its way to the venue, with what the limits judge it by.</summary>
/// <param name="Order">The order (for a modify: with its new price and quantity).</param>
/// <param name="IsNew">True for a new order, false for a modify.</param>
/// <param name="Account">Its instrument's account: position and orders.</param>
/// <param name="Accounts">Every instrument's account (for limits over all of them).</param>
/// <param name="Book">Its instrument's local book, or null where none is kept.</param>
/// <param name="State">The trading state now.</param>
/// <param name="RecentRequests">Requests (new, modify, cancel) sent in the last second, this one not counted.</param>
public readonly record struct PreTradeCheck(Order Order, bool IsNew, InstrumentAccount Account, TradingAccounts Accounts, MarketDepth? Book,
    TradingState State, int RecentRequests)
{
    /// <summary>The position if the order filled completely.</summary>
    public double PositionAfter => Account.State.Position + (Order.Side == Markets.Side.Buy ? Order.Quantity : -Order.Quantity);

    /// <summary>The price the order's value is measured at: its limit, or the opposite best for a market order (NaN if unknown).</summary>
    public double ValuePrice => Order.Type == OrderType.Limit ? Order.Price
        : Book is null ? double.NaN
        : Order.Side == Markets.Side.Buy ? Book.BestAsk : Book.BestBid;

    /// <summary>The value of <paramref name="quantity"/> at <paramref name="price"/> in the quote currency.</summary>
    public double Value(double price, double quantity) => Math.Abs(Account.Instrument.Value(price, quantity));
}
