namespace Hft.Core.Risk;

/// <summary>What the risk actor lets through.</summary>
public enum TradingState
{
    /// <summary>Every order that passes the limits.</summary>
    Active,
    /// <summary>Only orders that reduce the position.</summary>
    Reducing,
    /// <summary>No new or modified order; cancels only.</summary>
    Halted,
}
