using System.Globalization;
using System.Text.Json;
using Hft.Core.Markets;
using Hft.Backtest.Conversion;
using Hft.Core.Venues;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Spot.Book;
using Hft.Exchanges.Binance.Spot.Http;
using Hft.Exchanges.Binance.Spot.Parsing;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Spot;

/// <summary>
/// Binance spot under the <see cref="BinanceGateway"/>: <c>/stream?streams=</c> on the market host, the contiguous-id
/// book procedure, <c>/api/v3</c> REST, and user data over the WebSocket API with a signed
/// <c>userDataStream.subscribe.signature</c> sent on every (re)connect (spot's listen keys were removed in 2026).
/// </summary>
public sealed class SpotMarket : IBinanceMarket
{
    private readonly SpotRestClient _rest;
    private readonly Uri _wsRoot;
    private readonly Uri? _wsApi;
    private readonly string? _apiKey;
    private readonly HmacSigner? _signer;
    private readonly string _depthStream;
    private long _requests;

    /// <summary>The market over <paramref name="options"/>' endpoints.</summary>
    public SpotMarket(BinanceGatewayOptions options)
    {
        _rest = new SpotRestClient(BinanceGatewayOptions.Transport(options));
        _wsRoot = options.WsUrl;
        _wsApi = options.WsApiUrl;
        _apiKey = options.ApiKey;
        _signer = string.IsNullOrEmpty(options.ApiSecret) ? null : new HmacSigner(options.ApiSecret);
        _depthStream = options.DepthStream ?? "@depth@100ms";
    }

    /// <inheritdoc />
    public BinanceVenue Rules => BinanceVenue.Spot;

    /// <inheritdoc />
    public BinanceRestTransport Transport => _rest.Transport;

    /// <inheritdoc />
    public TimeSpan? KeepAliveInterval => null;

    /// <inheritdoc />
    public Uri MarketStream(string symbol)
    {
        string s = symbol.ToLowerInvariant();
        return new Uri(_wsRoot, $"/stream?streams={s}{_depthStream}/{s}@trade");
    }

    /// <inheritdoc />
    public IDepthSynchronizer Synchronizer(int instrument, IDepthRowTarget target) => new SpotDepthSynchronizer(instrument, target);

    /// <inheritdoc />
    public bool HasUpdateIds(in DepthUpdateIds ids) => ids.HasIds;

    /// <inheritdoc />
    public Task<BinanceResponse> SyncTime() => _rest.SyncTime();

    /// <inheritdoc />
    public Task<(BinanceResponse Response, SymbolRules? Rules)> SymbolRules(string symbol) => _rest.SymbolRules(symbol);

    /// <inheritdoc />
    public Task<BinanceResponse> Depth(string symbol, int limit) => _rest.Depth(symbol, Math.Min(limit, 5000));

    /// <inheritdoc />
    public Task<BinanceResponse> NewOrder(string symbol, string clientOrderId, VenueCommand command, DecimalText prices, DecimalText quantities) =>
        _rest.NewOrder(symbol, clientOrderId, command, prices, quantities);

    /// <inheritdoc />
    public Task<BinanceResponse> CancelOrder(string symbol, string clientOrderId) => _rest.CancelOrder(symbol, clientOrderId);

    /// <summary>
    /// Spot has no price amend: a smaller quantity keeps its place (<c>amend/keepPriority</c>, same client id); anything
    /// else is refused here, so the strategy cancels and places a new order, each under its own id.
    /// </summary>
    public Task<BinanceResponse> ModifyOrder(string symbol, string clientOrderId, VenueCommand command, long restingPriceTick, double restingQuantity,
        DecimalText prices, DecimalText quantities) =>
        command.PriceTick == restingPriceTick && command.Quantity > 0 && command.Quantity < restingQuantity
            ? _rest.ReduceQuantity(symbol, clientOrderId, command.Quantity, quantities)
            : Task.FromResult(new BinanceResponse(RestOutcome.Rejected, 0, "", 0,
                "Binance spot amends only a smaller quantity at the same price; cancel and place a new order instead"));

    /// <inheritdoc />
    public Task<BinanceResponse> CancelAll(string symbol) => _rest.CancelAll(symbol);

    /// <inheritdoc />
    public Task<BinanceResponse> ReduceOnlyMarketOrder(string symbol, string clientOrderId, Side side, string quantity) =>
        Task.FromResult(new BinanceResponse(RestOutcome.Rejected, 0, "", 0, "spot has no positions to reduce (balances are left as they are)"));

    /// <inheritdoc />
    public Task<BinanceResponse> QueryOrder(string symbol, string clientOrderId) => _rest.QueryOrder(symbol, clientOrderId);

    /// <inheritdoc />
    public Task<BinanceResponse> OpenOrders(string symbol) => _rest.OpenOrders(symbol);

    /// <inheritdoc />
    public bool HasPositions => false;

    /// <inheritdoc />
    public Task<decimal?> Position(string symbol) => Task.FromResult<decimal?>(null);

    /// <inheritdoc />
    public IReadOnlyList<VenueOrderUpdate> OrderAnswer(JsonElement body) => SpotUserDataParser.OrderAnswerFills(body);

    /// <inheritdoc />
    public Task<UserDataAccess> OpenUserData()
    {
        if (_wsApi is null || _signer is null || string.IsNullOrEmpty(_apiKey))
            return Task.FromResult(new UserDataAccess(new BinanceResponse(RestOutcome.Rejected, 0, "", 0, "spot user data needs ws_api_url, api_key and api_secret"), null, null, () => []));
        var ok = new BinanceResponse(RestOutcome.Ok, 200, "", 0, "");
        return Task.FromResult(new UserDataAccess(ok, _wsApi, null, () => [SubscribeRequest()]));
    }

    /// <summary>
    /// <c>userDataStream.subscribe.signature</c>: the params sorted by name, signed as <c>apiKey=..&amp;timestamp=..</c> (the WS API
    /// signs raw, sorted params; REST signs what it sends in order).
    /// </summary>
    public string SubscribeRequest()
    {
        long timestamp = BinanceRestTransport.LocalNowMs() + Transport.TimeOffsetMs;
        string ts = timestamp.ToString(CultureInfo.InvariantCulture);
        string signature = _signer!.Sign($"apiKey={_apiKey}&timestamp={ts}");
        long id = Interlocked.Increment(ref _requests);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("id", "user-data-" + id.ToString(CultureInfo.InvariantCulture));
            w.WriteString("method", "userDataStream.subscribe.signature");
            w.WriteStartObject("params");
            w.WriteString("apiKey", _apiKey);
            w.WriteNumber("timestamp", timestamp);
            w.WriteString("signature", signature);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc />
    public Task<BinanceResponse> KeepAlive() => Task.FromResult(new BinanceResponse(RestOutcome.Ok, 200, "", 0, ""));

    /// <inheritdoc />
    public BinanceUserEvent ParseUserFrame(ReadOnlySpan<byte> frame) => SpotUserDataParser.Parse(frame);

    /// <inheritdoc />
    public void Dispose() => _rest.Dispose();
}
