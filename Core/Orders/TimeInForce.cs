namespace Hft.Core.Orders;

/// <summary>Time in force (hftbacktest values).</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled.</summary>
    Gtc = 0,
    /// <summary>Post-only: expires instead of taking liquidity.</summary>
    Gtx = 1,
    /// <summary>Fill or kill.</summary>
    Fok = 2,
    /// <summary>Immediate or cancel.</summary>
    Ioc = 3,
}
