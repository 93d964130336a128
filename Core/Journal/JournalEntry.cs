using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Risk;

namespace Hft.Core.Journal;

/// <summary>One record read back from a journal.</summary>
/// <param name="Offset">Where the record starts in the file.</param>
/// <param name="LocalTime">The engine's clock when it was written, ns.</param>
public abstract record JournalEntry(long Offset, long LocalTime);

/// <summary>An order's state after a change, as the local side saw it.</summary>
public sealed record JournalOrderEntry(long Offset, long LocalTime, int Instrument, ulong OrderId, Side Side, OrderStatus Status, OrderRequest Request,
    TimeInForce TimeInForce, OrderType Type, long PriceTick, double Quantity, double LeavesQuantity, double ExecutedQuantity, long ExchangeTime,
    string RejectReason) : JournalEntry(Offset, LocalTime);

/// <summary>One execution and the position after it.</summary>
public sealed record JournalFillEntry(long Offset, long LocalTime, int Instrument, ulong OrderId, Side Side, double Price, double Quantity, double Fee,
    bool Maker, long ExchangeTime, double PositionAfter) : JournalEntry(Offset, LocalTime);

/// <summary>Trading moved to <paramref name="State"/> because of <paramref name="Cause"/> (a breaker's name, <c>kill_switch</c>).</summary>
public sealed record JournalTradingStateEntry(long Offset, long LocalTime, TradingState State, string Cause, string Reason) : JournalEntry(Offset, LocalTime);

/// <summary>A session started (<paramref name="Description"/>: mode, config, venue) or stopped.</summary>
public sealed record JournalSessionEntry(long Offset, long LocalTime, bool Started, string Description) : JournalEntry(Offset, LocalTime);

/// <summary>Local order <paramref name="OrderId"/> was sent to the venue as <paramref name="ClientOrderId"/>.</summary>
public sealed record JournalClientOrderEntry(long Offset, long LocalTime, int Instrument, ulong OrderId, string ClientOrderId) : JournalEntry(Offset, LocalTime);

/// <summary>Reconciliation set the local position of <paramref name="Instrument"/> from <paramref name="From"/> to the venue's <paramref name="To"/>.</summary>
public sealed record JournalPositionAdjustedEntry(long Offset, long LocalTime, int Instrument, double From, double To, string Reason) : JournalEntry(Offset, LocalTime);

/// <summary>Strategy <paramref name="Strategy"/> saved <paramref name="State"/> (bytes only it reads).</summary>
public sealed record JournalStrategySnapshotEntry(long Offset, long LocalTime, string Strategy, byte[] State) : JournalEntry(Offset, LocalTime);
