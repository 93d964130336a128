using Hft.Core.Risk;
using Hft.Engine.Config;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Bybit;
using Hft.Exchanges.Common.Reconciliation;

namespace Hft.Engine.Live;

/// <summary>A configured venue's gateway options, the same for the session's gateway and the kill switch's own client.</summary>
internal static class VenueOptions
{
    /// <summary>Options of a Binance market; keys only when <paramref name="trading"/>.</summary>
    public static BinanceGatewayOptions Binance(BinanceVenueSettings v, LiveSettings live, bool trading, KillSwitchLatch? kill = null,
        ReconciliationOptions? reconciliation = null) => new()
    {
        Name = v.Name,
        RestUrl = v.RestUrl,
        WsUrl = v.WsUrl,
        WsApiUrl = v.WsApiUrl,
        ApiKey = trading ? v.Credentials?.ApiKey.Reveal() : null,
        ApiSecret = trading ? v.Credentials?.ApiSecret.Reveal() : null,
        Trading = trading,
        ClientOrderPrefix = live.ClientOrderPrefix,
        RecvWindowMs = live.RecvWindowMs,
        Kill = kill,
        Reconciliation = reconciliation ?? new ReconciliationOptions(),
    };

    /// <summary>Options of Bybit v5; keys only when <paramref name="trading"/>.</summary>
    public static BybitGatewayOptions Bybit(BybitVenueSettings v, LiveSettings live, bool trading, KillSwitchLatch? kill = null,
        ReconciliationOptions? reconciliation = null) => new()
    {
        Name = v.Name,
        RestUrl = v.RestUrl,
        PublicWsUrl = v.PublicWsUrl,
        PrivateWsUrl = v.PrivateWsUrl,
        Category = v.Category,
        ApiKey = trading ? v.Credentials?.ApiKey.Reveal() : null,
        ApiSecret = trading ? v.Credentials?.ApiSecret.Reveal() : null,
        Trading = trading,
        ClientOrderPrefix = live.ClientOrderPrefix,
        RecvWindowMs = live.RecvWindowMs,
        Kill = kill,
        Reconciliation = reconciliation ?? new ReconciliationOptions(),
    };
}
