using Hft.Core.Markets;

namespace Hft.Exchanges.Common;

/// <summary>
/// The few signed REST calls a kill switch makes on one venue account, on an HTTP client of its own: nothing here goes
/// through an actor, so a stuck strategy or a full mailbox cannot delay it. Every call answers with a problem text
/// (null when it worked) instead of throwing; the text never holds a key or a signature.
/// </summary>
public interface IKillSwitchVenue : IDisposable
{
    /// <summary>The venue's name in the config.</summary>
    string Name { get; }

    /// <summary>Reads the server time (signed requests carry the venue's time); a problem if the venue cannot be reached.</summary>
    Task<string?> Connect();

    /// <summary>Cancels every open order on <paramref name="symbol"/>.</summary>
    Task<string?> CancelAll(string symbol);

    /// <summary>How many orders are open on <paramref name="symbol"/>, or the problem that kept it from being read.</summary>
    Task<(int? Open, string? Problem)> OpenOrders(string symbol);

    /// <summary>True if the venue holds positions (futures), false if it holds balances only (spot).</summary>
    bool HasPositions { get; }

    /// <summary>The signed position on <paramref name="symbol"/>, or the problem that kept it from being read.</summary>
    Task<(decimal? Position, string? Problem)> Position(string symbol);

    /// <summary>A reduce-only market order of <paramref name="quantity"/>: it can take the position towards zero, never past it.</summary>
    Task<string?> ReduceOnlyMarketOrder(string symbol, Side side, decimal quantity, string clientOrderId);
}
