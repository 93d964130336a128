using Hft.Engine.Config;
using Hft.Engine.Live;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Binance.Spot;
using Hft.Exchanges.Bybit;
using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Common;

namespace Hft.Engine.Safety;

/// <summary>The kill switch's own REST client of a configured venue (never the session's: that one may be stuck).</summary>
internal static class KillSwitchVenues
{
    /// <summary>A client of <paramref name="venue"/> with its keys; an error naming the venue if it has none.</summary>
    public static IKillSwitchVenue Create(VenueSettings venue, LiveSettings live) => venue switch
    {
        BinanceVenueSettings { Credentials: null } or BybitVenueSettings { Credentials: null } =>
            throw new ArgumentException($"venue {venue.Name} has no api_key/api_secret: the kill switch cancels with the account's keys"),
        BinanceVenueSettings { Kind: VenueKind.BinanceFutures } v => Binance(v, live, o => new FuturesMarket(o)),
        BinanceVenueSettings { Kind: VenueKind.BinanceSpot } v => Binance(v, live, o => new SpotMarket(o)),
        BybitVenueSettings v => Bybit(v, live),
        _ => throw new ArgumentException($"venue {venue.Name}: {venue.Kind} takes no orders, so there is nothing to cancel"),
    };

    private static BinanceKillSwitchVenue Binance(BinanceVenueSettings v, LiveSettings live, Func<BinanceGatewayOptions, IBinanceMarket> market) =>
        new(v.Name, market(VenueOptions.Binance(v, live, trading: true)));

    private static BybitKillSwitchVenue Bybit(BybitVenueSettings v, LiveSettings live)
    {
        var options = VenueOptions.Bybit(v, live, trading: true);
        return new BybitKillSwitchVenue(v.Name, new BybitRestClient(BybitGatewayOptions.Transport(options), options.Category));
    }
}
