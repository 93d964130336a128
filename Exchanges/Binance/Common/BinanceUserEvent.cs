using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Common;

/// <summary>One event from a Binance user-data stream (futures or spot), as far as the engine uses it.</summary>
public abstract record BinanceUserEvent;

/// <summary>An order changed (futures <c>ORDER_TRADE_UPDATE</c>, spot <c>executionReport</c>).</summary>
/// <param name="Symbol">The order's symbol.</param>
/// <param name="Update">What changed.</param>
public sealed record BinanceOrderEvent(string Symbol, VenueOrderUpdate Update) : BinanceUserEvent;

/// <summary>
/// Positions or balances changed (futures <c>ACCOUNT_UPDATE</c>: signed <c>pa</c> of one-way positions; spot
/// <c>outboundAccountPosition</c>: balances only).
/// </summary>
/// <param name="Positions">Symbol → signed position, for the symbols that changed.</param>
/// <param name="Balances">Asset → balance.</param>
/// <param name="TimeMs">Event time.</param>
public sealed record BinanceAccountEvent(IReadOnlyList<KeyValuePair<string, decimal>> Positions, IReadOnlyList<KeyValuePair<string, decimal>> Balances, long TimeMs) : BinanceUserEvent;

/// <summary>
/// The stream stops delivering until it is started again (futures <c>listenKeyExpired</c>, spot <c>eventStreamTerminated</c>).
/// </summary>
/// <param name="TimeMs">Event time.</param>
/// <param name="Why">What the venue said.</param>
public sealed record BinanceUserStreamEnded(long TimeMs, string Why) : BinanceUserEvent;

/// <summary>An event the engine does not model (<c>TRADE_LITE</c>, <c>MARGIN_CALL</c>, <c>balanceUpdate</c>, ...): ignored.</summary>
/// <param name="Type">Its <c>e</c>.</param>
public sealed record BinanceOtherEvent(string Type) : BinanceUserEvent;
