namespace Hft.Core.Runtime;

/// <summary>
/// The tie-break among deliveries due at the same instant: lower lanes go first, then the sequence number.
/// The data lanes reproduce hftbacktest's order for equal timestamps: per instrument, local market data,
/// then order responses arriving locally, then exchange market data, then order requests arriving at the
/// exchange; instruments in configuration order. Timers come after all of them, so a strategy waking at
/// time T sees every event stamped T, as after hftbacktest's <c>elapse</c>.
/// </summary>
public static class DeliveryLane
{
    /// <summary>Market data seen by the local side (books, strategies) of instrument <paramref name="instrument"/>.</summary>
    public static int LocalData(int instrument) => instrument * 4;

    /// <summary>Order responses reaching the local side.</summary>
    public static int LocalOrder(int instrument) => instrument * 4 + 1;

    /// <summary>Market data seen by the (simulated) exchange.</summary>
    public static int ExchangeData(int instrument) => instrument * 4 + 2;

    /// <summary>Order requests reaching the (simulated) exchange.</summary>
    public static int ExchangeOrder(int instrument) => instrument * 4 + 3;

    /// <summary>Timers and other scheduled messages: after all data at the same instant.</summary>
    public const int Timer = int.MaxValue;
}
