using System.Text.Json;
using Hft.Core.Markets;
using Hft.Backtest.Conversion;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Common;

/// <summary>
/// What differs between Binance's markets (USD-M futures, spot) under the one <see cref="BinanceGateway"/>: stream
/// URLs, the book procedure, REST paths and order parameters, and how user data is reached (a listen key on futures,
/// a WebSocket API subscription on spot).
/// </summary>
public interface IBinanceMarket : IDisposable
{
    /// <summary>convert's rules for this market's frames.</summary>
    BinanceVenue Rules { get; }

    /// <summary>The REST transport (rate limits, time offset).</summary>
    BinanceRestTransport Transport { get; }

    /// <summary>The combined market stream of one instrument (diff depth and trades).</summary>
    Uri MarketStream(string symbol);

    /// <summary>A book synchronizer with this market's rules.</summary>
    IDepthSynchronizer Synchronizer(int instrument, IDepthRowTarget target);

    /// <summary>True if a depth event carries the ids this market's procedure needs.</summary>
    bool HasUpdateIds(in DepthUpdateIds ids);

    /// <summary>Reads the server time and sets the transport's offset.</summary>
    Task<BinanceResponse> SyncTime();

    /// <summary>The symbol's rules, or null if the venue does not list it.</summary>
    Task<(BinanceResponse Response, SymbolRules? Rules)> SymbolRules(string symbol);

    /// <summary>The REST depth snapshot.</summary>
    Task<BinanceResponse> Depth(string symbol, int limit);

    /// <summary>Places an order (never retried).</summary>
    Task<BinanceResponse> NewOrder(string symbol, string clientOrderId, VenueCommand command, DecimalText prices, DecimalText quantities);

    /// <summary>Cancels an order by client id.</summary>
    Task<BinanceResponse> CancelOrder(string symbol, string clientOrderId);

    /// <summary>
    /// Changes an order's price and quantity to the command's (futures: amend; spot: only a smaller quantity at the same
    /// price); <paramref name="restingPriceTick"/> and <paramref name="restingQuantity"/> are what the venue holds now.
    /// </summary>
    Task<BinanceResponse> ModifyOrder(string symbol, string clientOrderId, VenueCommand command, long restingPriceTick, double restingQuantity,
        DecimalText prices, DecimalText quantities);

    /// <summary>Cancels every open order on the symbol.</summary>
    Task<BinanceResponse> CancelAll(string symbol);

    /// <summary>
    /// A reduce-only market order of <paramref name="quantity"/> (venue text): the kill switch's flatten. Refused on a
    /// market without positions (spot).
    /// </summary>
    Task<BinanceResponse> ReduceOnlyMarketOrder(string symbol, string clientOrderId, Side side, string quantity);

    /// <summary>Queries an order by client id.</summary>
    Task<BinanceResponse> QueryOrder(string symbol, string clientOrderId);

    /// <summary>The symbol's open orders (a JSON array).</summary>
    Task<BinanceResponse> OpenOrders(string symbol);

    /// <summary>True if the market keeps positions (futures); spot holds balances.</summary>
    bool HasPositions { get; }

    /// <summary>The venue's signed position in the symbol, or null where the market has none (spot) or it could not be read.</summary>
    Task<decimal?> Position(string symbol);

    /// <summary>
    /// An order as a REST answer describes it (new, cancel, modify, query, or one open order): one update, or, when the
    /// answer lists its fills (spot's <c>FULL</c>), one update per fill in order, so each execution keeps its own price
    /// and fee even when the answer arrives before the user stream's events.
    /// </summary>
    IReadOnlyList<VenueOrderUpdate> OrderAnswer(JsonElement body);

    /// <summary>Opens the way to user data: the stream to connect and what to send on each (re)connect.</summary>
    Task<UserDataAccess> OpenUserData();

    /// <summary>How often the user data must be kept alive (futures' listen key), or null.</summary>
    TimeSpan? KeepAliveInterval { get; }

    /// <summary>Keeps the user data alive; a failure means <see cref="OpenUserData"/> again.</summary>
    Task<BinanceResponse> KeepAlive();

    /// <summary>Parses one user-data frame.</summary>
    /// <exception cref="FormatException">Not an event the engine can read.</exception>
    BinanceUserEvent ParseUserFrame(ReadOnlySpan<byte> frame);
}

/// <summary>How to reach a market's user data.</summary>
/// <param name="Response">The venue's answer to opening it (a listen key's creation; OK when nothing was asked).</param>
/// <param name="Url">The stream to connect (null when opening failed).</param>
/// <param name="Key">What identifies it (the listen key), for telling a renewal from a new key; null if none.</param>
/// <param name="OnConnect">Messages to send on each (re)connect (spot's signed subscription).</param>
public sealed record UserDataAccess(BinanceResponse Response, Uri? Url, string? Key, Func<IReadOnlyList<string>> OnConnect);
