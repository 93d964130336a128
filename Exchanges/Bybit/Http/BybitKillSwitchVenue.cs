using System.Globalization;
using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Bybit.Http;

/// <summary>The kill switch's calls on a Bybit v5 account (category linear), over a REST client of its own.</summary>
public sealed class BybitKillSwitchVenue : IKillSwitchVenue
{
    private readonly BybitRestClient _rest;

    /// <summary>Calls over <paramref name="rest"/> (owned: disposed with this).</summary>
    public BybitKillSwitchVenue(string name, BybitRestClient rest)
    {
        Name = name;
        _rest = rest;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool HasPositions => true;

    /// <inheritdoc />
    public async Task<string?> Connect() => Problem(await _rest.SyncTime().ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<string?> CancelAll(string symbol) => Problem(await _rest.CancelAll(symbol).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<(int? Open, string? Problem)> OpenOrders(string symbol)
    {
        var (r, orders) = await _rest.OpenOrders(symbol).ConfigureAwait(false);
        return r.IsOk ? (orders.Count, null) : (null, r.Describe());
    }

    /// <inheritdoc />
    public async Task<(decimal? Position, string? Problem)> Position(string symbol)
    {
        var position = await _rest.Position(symbol).ConfigureAwait(false);
        return position is { } p ? (p, null) : (null, "the position could not be read");
    }

    /// <inheritdoc />
    public async Task<string?> ReduceOnlyMarketOrder(string symbol, Side side, decimal quantity, string clientOrderId) =>
        Problem(await _rest.ReduceOnlyMarketOrder(symbol, clientOrderId, side, quantity.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false));

    private static string? Problem(BybitResponse r) => r.IsOk ? null : r.Describe();

    /// <inheritdoc />
    public void Dispose() => _rest.Dispose();
}
