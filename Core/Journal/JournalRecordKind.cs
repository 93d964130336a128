namespace Hft.Core.Journal;

/// <summary>What a journal record holds (the byte after its checksum). Values are part of the file format: never renumber.</summary>
public enum JournalRecordKind : byte
{
    /// <summary>An order's state as the local side sees it after a change (sent, acknowledged, filled, ended, refused).</summary>
    Order = 1,
    /// <summary>One execution, with the position after it.</summary>
    Fill = 2,
    /// <summary>A circuit breaker's trip or reset, or the kill switch: trading moved to another state.</summary>
    TradingState = 3,
    /// <summary>A session started: which config, which venue.</summary>
    SessionStart = 4,
    /// <summary>A session stopped cleanly.</summary>
    SessionStop = 5,
    /// <summary>The client order id a gateway gave a new order, written before the order is sent.</summary>
    ClientOrder = 6,
    /// <summary>Reconciliation set a local position to the venue's.</summary>
    PositionAdjusted = 7,
    /// <summary>A strategy's own saved state (its snapshot), by strategy name.</summary>
    StrategySnapshot = 8,
}
