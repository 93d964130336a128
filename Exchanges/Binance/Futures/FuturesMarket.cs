using System.Text.Json;
using Hft.Core.Markets;
using Hft.Backtest.Conversion;
using Hft.Core.Venues;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures.Book;
using Hft.Exchanges.Binance.Futures.Http;
using Hft.Exchanges.Binance.Futures.Parsing;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Binance.Futures;

/// <summary>
/// Binance USD-M futures under the <see cref="BinanceGateway"/>: depth and trades on the <c>/public</c> entry point
/// (the 2026 split: a stream on the wrong entry point is acknowledged and then silent), the <c>pu</c> book procedure,
/// <c>/fapi</c> REST, and user data on <c>/private</c> under a listen key kept alive every 30 minutes.
/// </summary>
public sealed class FuturesMarket : IBinanceMarket
{
    private readonly FuturesRestClient _rest;
    private readonly Uri _wsRoot;
    private readonly string _depthStream;

    /// <summary>The market over <paramref name="options"/>' endpoints.</summary>
    public FuturesMarket(BinanceGatewayOptions options)
    {
        _rest = new FuturesRestClient(BinanceGatewayOptions.Transport(options));
        _wsRoot = options.WsUrl;
        _depthStream = options.DepthStream ?? "@depth@100ms";
        KeepAliveInterval = options.ListenKeyKeepAlive;
    }

    /// <inheritdoc />
    public BinanceVenue Rules => BinanceVenue.Futures;

    /// <inheritdoc />
    public BinanceRestTransport Transport => _rest.Transport;

    /// <inheritdoc />
    public TimeSpan? KeepAliveInterval { get; }

    /// <inheritdoc />
    public Uri MarketStream(string symbol)
    {
        string s = symbol.ToLowerInvariant();
        return new Uri(_wsRoot, $"/public/stream?streams={s}{_depthStream}/{s}@trade");
    }

    /// <inheritdoc />
    public IDepthSynchronizer Synchronizer(int instrument, IDepthRowTarget target) => new FuturesDepthSynchronizer(instrument, target);

    /// <inheritdoc />
    public bool HasUpdateIds(in DepthUpdateIds ids) => ids.HasIds && ids.HasPreviousId;

    /// <inheritdoc />
    public Task<BinanceResponse> SyncTime() => _rest.SyncTime();

    /// <inheritdoc />
    public Task<(BinanceResponse Response, SymbolRules? Rules)> SymbolRules(string symbol) => _rest.SymbolRules(symbol);

    /// <inheritdoc />
    public Task<BinanceResponse> Depth(string symbol, int limit) => _rest.Depth(symbol, limit);

    /// <inheritdoc />
    public Task<BinanceResponse> NewOrder(string symbol, string clientOrderId, VenueCommand command, DecimalText prices, DecimalText quantities) =>
        _rest.NewOrder(symbol, clientOrderId, command, prices, quantities);

    /// <inheritdoc />
    public Task<BinanceResponse> CancelOrder(string symbol, string clientOrderId) => _rest.CancelOrder(symbol, clientOrderId);

    /// <inheritdoc />
    public Task<BinanceResponse> ModifyOrder(string symbol, string clientOrderId, VenueCommand command, long restingPriceTick, double restingQuantity,
        DecimalText prices, DecimalText quantities) =>
        _rest.ModifyOrder(symbol, clientOrderId, command, prices, quantities);

    /// <inheritdoc />
    public Task<BinanceResponse> CancelAll(string symbol) => _rest.CancelAll(symbol);

    /// <inheritdoc />
    public Task<BinanceResponse> ReduceOnlyMarketOrder(string symbol, string clientOrderId, Side side, string quantity) =>
        _rest.ReduceOnlyMarketOrder(symbol, clientOrderId, side, quantity);

    /// <inheritdoc />
    public Task<BinanceResponse> QueryOrder(string symbol, string clientOrderId) => _rest.QueryOrder(symbol, clientOrderId);

    /// <inheritdoc />
    public Task<BinanceResponse> OpenOrders(string symbol) => _rest.OpenOrders(symbol);

    /// <inheritdoc />
    public bool HasPositions => true;

    /// <inheritdoc />
    public async Task<decimal?> Position(string symbol)
    {
        var r = await _rest.PositionRisk(symbol).ConfigureAwait(false);
        if (!r.IsOk) return null;
        using var doc = r.Json();
        return doc.RootElement.ValueKind == JsonValueKind.Array ? FuturesRestClient.PositionOf(doc.RootElement, symbol) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<VenueOrderUpdate> OrderAnswer(JsonElement body) => [FuturesUserDataParser.OrderResponse(body).Update];

    /// <inheritdoc />
    public async Task<UserDataAccess> OpenUserData()
    {
        var r = await _rest.CreateListenKey().ConfigureAwait(false);
        if (!r.IsOk) return new UserDataAccess(r, null, null, () => []);
        string key;
        using (var doc = r.Json()) key = String(doc.RootElement, "listenKey");
        // The events list is an allow-list: without listenKeyExpired the expiry would never be told.
        var url = new Uri(_wsRoot, $"/private/ws?listenKey={Uri.EscapeDataString(key)}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/listenKeyExpired");
        return new UserDataAccess(r, url, key, () => []);
    }

    /// <inheritdoc />
    public Task<BinanceResponse> KeepAlive() => _rest.KeepAliveListenKey();

    /// <inheritdoc />
    public BinanceUserEvent ParseUserFrame(ReadOnlySpan<byte> frame) => FuturesUserDataParser.Parse(frame);

    /// <inheritdoc />
    public void Dispose() => _rest.Dispose();
}
