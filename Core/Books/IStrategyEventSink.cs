using Hft.Core.Markets;

namespace Hft.Core.Books;

/// <summary>
/// What a book calls on a strategy host, per event, on the same thread. The host attaches with the
/// <see cref="MarketInterest"/> flags of the callbacks its strategy overrides; the book calls no other.
/// </summary>
public interface IStrategyEventSink
{
    /// <summary>A depth event (update, snapshot row, clear) was applied to the book of <paramref name="instrument"/>.</summary>
    void OnDepth(int instrument, in MarketEvent update);

    /// <summary>A public trade of <paramref name="instrument"/>.</summary>
    void OnTrade(int instrument, in MarketEvent trade);
}
