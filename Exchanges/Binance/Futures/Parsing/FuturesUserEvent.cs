using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Futures.Parsing;

/// <summary>One event from the futures user-data stream, as far as the engine uses it.</summary>
public abstract record FuturesUserEvent;

/// <summary><c>ORDER_TRADE_UPDATE</c>: an order changed.</summary>
/// <param name="Symbol">The order's symbol.</param>
/// <param name="Update">What changed.</param>
public sealed record FuturesOrderEvent(string Symbol, VenueOrderUpdate Update) : FuturesUserEvent;

/// <summary><c>ACCOUNT_UPDATE</c>: positions (signed <c>pa</c>, one-way mode <c>BOTH</c>) and wallet balances that changed.</summary>
/// <param name="Positions">Symbol → signed position, for the symbols that changed.</param>
/// <param name="Balances">Asset → wallet balance.</param>
/// <param name="TimeMs">Transaction time.</param>
public sealed record FuturesAccountEvent(IReadOnlyList<KeyValuePair<string, decimal>> Positions, IReadOnlyList<KeyValuePair<string, decimal>> Balances, long TimeMs) : FuturesUserEvent;

/// <summary><c>listenKeyExpired</c>: nothing more comes on this connection until a new key is used.</summary>
/// <param name="TimeMs">Event time.</param>
public sealed record FuturesListenKeyExpired(long TimeMs) : FuturesUserEvent;

/// <summary>An event type the engine does not model (<c>TRADE_LITE</c>, <c>MARGIN_CALL</c>, ...): ignored.</summary>
/// <param name="Type">Its <c>e</c>.</param>
public sealed record FuturesOtherEvent(string Type) : FuturesUserEvent;
