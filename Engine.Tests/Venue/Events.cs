using Hft.Core.Markets;

namespace Hft.Engine.Tests.Venue;

/// <summary>Builds hand-made market events (seen by both sides, local time 1 ms after exchange time).</summary>
internal static class Events
{
    public const long Latency = 1_000_000;

    public static MarketEvent Bid(long t, double px, double qty) => new(EventFlags.Both | EventFlags.Buy | EventFlags.Depth, t, t + Latency, px, qty);
    public static MarketEvent Ask(long t, double px, double qty) => new(EventFlags.Both | EventFlags.Sell | EventFlags.Depth, t, t + Latency, px, qty);
    /// <summary>A trade whose aggressor sold (hits bids).</summary>
    public static MarketEvent SellTrade(long t, double px, double qty) => new(EventFlags.Both | EventFlags.Sell | EventFlags.Trade, t, t + Latency, px, qty);
    /// <summary>A trade whose aggressor bought (lifts asks).</summary>
    public static MarketEvent BuyTrade(long t, double px, double qty) => new(EventFlags.Both | EventFlags.Buy | EventFlags.Trade, t, t + Latency, px, qty);
}
