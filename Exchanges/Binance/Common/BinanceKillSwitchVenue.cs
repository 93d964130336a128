using System.Globalization;
using System.Text.Json;
using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Common;

/// <summary>The kill switch's calls on a Binance market (futures or spot), over a market of its own.</summary>
public sealed class BinanceKillSwitchVenue : IKillSwitchVenue
{
    private readonly IBinanceMarket _market;

    /// <summary>Calls over <paramref name="market"/> (owned: disposed with this).</summary>
    public BinanceKillSwitchVenue(string name, IBinanceMarket market)
    {
        Name = name;
        _market = market;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool HasPositions => _market.HasPositions;

    /// <inheritdoc />
    public async Task<string?> Connect() => Problem(await _market.SyncTime().ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<string?> CancelAll(string symbol) => Problem(await _market.CancelAll(symbol).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<(int? Open, string? Problem)> OpenOrders(string symbol)
    {
        var r = await _market.OpenOrders(symbol).ConfigureAwait(false);
        if (!r.IsOk) return (null, r.Describe());
        try
        {
            using var doc = r.Json();
            return doc.RootElement.ValueKind == JsonValueKind.Array ? (doc.RootElement.GetArrayLength(), null) : (null, "open orders: the answer is not a list");
        }
        catch (JsonException e)
        {
            return (null, "open orders: unreadable answer: " + e.Message);
        }
    }

    /// <inheritdoc />
    public async Task<(decimal? Position, string? Problem)> Position(string symbol)
    {
        if (!HasPositions) return (null, null);
        var position = await _market.Position(symbol).ConfigureAwait(false);
        return position is { } p ? (p, null) : (null, "the position could not be read");
    }

    /// <inheritdoc />
    public async Task<string?> ReduceOnlyMarketOrder(string symbol, Side side, decimal quantity, string clientOrderId) =>
        Problem(await _market.ReduceOnlyMarketOrder(symbol, clientOrderId, side, quantity.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false));

    private static string? Problem(BinanceResponse r) => r.IsOk ? null : r.Describe();

    /// <inheritdoc />
    public void Dispose() => _market.Dispose();
}
