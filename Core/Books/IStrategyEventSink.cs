using Hft.Core.Markets;

namespace Hft.Core.Books;

/// <summary>What a book calls on a strategy host, per event, on the same thread.</summary>
public interface IStrategyEventSink
{
    /// <summary>True if the strategy overrides <c>OnDepth</c>; otherwise the book does not call it for depth events.</summary>
    bool WantsDepth { get; }

    /// <summary>True if the strategy overrides <c>OnTrade</c>.</summary>
    bool WantsTrades { get; }

    /// <summary>A depth event (update, snapshot row, clear) was applied to the book of <paramref name="instrument"/>.</summary>
    void OnDepth(int instrument, in MarketEvent update);

    /// <summary>A public trade of <paramref name="instrument"/>.</summary>
    void OnTrade(int instrument, in MarketEvent trade);
}
