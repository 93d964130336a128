using Hft.Exchanges.Bybit.Http;

namespace Hft.Exchanges.Bybit;

/// <summary>How the Bybit v5 gateway (category linear) connects and trades.</summary>
public sealed record BybitGatewayOptions
{
    /// <summary>The venue's name in the config, for logs and actor names.</summary>
    public required string Name { get; init; }

    /// <summary>REST base (<c>https://api.bybit.com</c>, or an emulator's <c>http://127.0.0.1:PORT</c>).</summary>
    public required Uri RestUrl { get; init; }

    /// <summary>The category's public stream (<c>.../v5/public/linear</c>).</summary>
    public required Uri PublicWsUrl { get; init; }

    /// <summary>The private stream (<c>.../v5/private</c>): orders, executions, positions, wallet.</summary>
    public required Uri PrivateWsUrl { get; init; }

    /// <summary>Product category sent with every request; only <c>linear</c> is supported.</summary>
    public string Category { get; init; } = "linear";

    /// <summary>API key; null when the gateway only carries market data (paper, record).</summary>
    public string? ApiKey { get; init; }

    /// <summary>API secret; null when the gateway only carries market data.</summary>
    public string? ApiSecret { get; init; }

    /// <summary>The session's kill switch: once engaged, no new or modified order leaves the gateway (cancels still do).</summary>
    public Hft.Core.Risk.KillSwitchLatch? Kill { get; init; }

    /// <summary>True to send orders (live); false for market data only (paper, record).</summary>
    public bool Trading { get; init; }

    /// <summary>Prefix of our client order ids (<c>orderLinkId</c>).</summary>
    public string ClientOrderPrefix { get; init; } = "hft-";

    /// <summary><c>X-BAPI-RECV-WINDOW</c> of signed calls, ms (Bybit's default 5000).</summary>
    public long RecvWindowMs { get; init; } = 5000;

    /// <summary>Book depth subscribed (<c>orderbook.{Depth}.{symbol}</c>): 1, 50, 200 or 1000; level 1 repeats its snapshot.</summary>
    public int Depth { get; init; } = 50;

    /// <summary>A public stream silent this long is reconnected (and its books rebuilt from the new snapshot).</summary>
    public TimeSpan MarketSilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client pings each stream (Bybit recommends every 20 s and cuts an idle socket after 10 minutes).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long after an unknown outcome the order is queried.</summary>
    public TimeSpan UnknownOutcomeQueryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When the gateway reconciles with the venue and what it does about a difference.</summary>
    public Hft.Exchanges.Common.Reconciliation.ReconciliationOptions Reconciliation { get; init; } = new();

    /// <summary>
    /// How long after an accepted cancel or amend the order is queried if the private stream has not told its result
    /// (Bybit's answer means "accepted", not "done").
    /// </summary>
    public TimeSpan ConfirmQueryDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Order requests (create, amend, cancel) per second to stay under (the venue's default: 10).</summary>
    public int OrdersPerSecond { get; init; } = 10;

    /// <summary>The REST calls' HTTP handler; null for real sockets.</summary>
    public HttpMessageHandler? RestHandler { get; init; }

    /// <summary>False to open no WebSocket (a bench hands the gateway its frames itself).</summary>
    public bool ConnectStreams { get; init; } = true;

    /// <summary>The REST transport these options describe.</summary>
    public static BybitRestTransport Transport(BybitGatewayOptions o) =>
        new(o.RestUrl, o.ApiKey, o.ApiSecret, new BybitRateLimits(o.OrdersPerSecond), o.RecvWindowMs, handler: o.RestHandler);
}
