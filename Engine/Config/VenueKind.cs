namespace Hft.Engine.Config;

/// <summary>Which adapter talks to a venue (<c>kind</c> of a <c>[[venues]]</c> table).</summary>
public enum VenueKind
{
    /// <summary>The simulated venue of a backtest (<c>sim</c>).</summary>
    Sim,

    /// <summary>Binance USD-M futures (<c>binance-futures</c>).</summary>
    BinanceFutures,

    /// <summary>Binance spot (<c>binance-spot</c>).</summary>
    BinanceSpot,

    /// <summary>Bybit v5, category linear (<c>bybit</c>).</summary>
    Bybit,
}
