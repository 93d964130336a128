namespace Hft.Exchanges.Binance.Common;

/// <summary>How a Binance gateway (futures or spot) connects and trades.</summary>
public sealed record BinanceGatewayOptions
{
    /// <summary>The venue's name in the config (<c>binance-futures</c>, <c>binance-spot</c>), for logs and actor names.</summary>
    public required string Name { get; init; }

    /// <summary>REST base (<c>https://fapi.binance.com</c>, or an emulator's <c>http://127.0.0.1:PORT</c>).</summary>
    public required Uri RestUrl { get; init; }

    /// <summary>Stream root: futures appends <c>/public</c> (depth, trades) and <c>/private</c> (user data); spot appends <c>/stream</c>.</summary>
    public required Uri WsUrl { get; init; }

    /// <summary>Spot's WebSocket API, over which its user data flows; null on futures.</summary>
    public Uri? WsApiUrl { get; init; }

    /// <summary>API key; null when the gateway only carries market data (paper, record).</summary>
    public string? ApiKey { get; init; }

    /// <summary>API secret; null when the gateway only carries market data.</summary>
    public string? ApiSecret { get; init; }

    /// <summary>The session's kill switch: once engaged, no new or modified order leaves the gateway (cancels still do).</summary>
    public Hft.Core.Risk.KillSwitchLatch? Kill { get; init; }

    /// <summary>True to send orders (live); false for market data only (paper, record).</summary>
    public bool Trading { get; init; }

    /// <summary>Prefix of our client order ids.</summary>
    public string ClientOrderPrefix { get; init; } = "hft-";

    /// <summary><c>recvWindow</c> of signed calls, ms (Binance advises at most 5000 on futures).</summary>
    public long RecvWindowMs { get; init; } = 5000;

    /// <summary>The diff-depth stream's suffix after the symbol; null: <c>@depth@100ms</c>.</summary>
    public string? DepthStream { get; init; }

    /// <summary>Levels of the REST snapshot a sync starts from.</summary>
    public int SnapshotLevels { get; init; } = 1000;

    /// <summary>The REST transport these options describe.</summary>
    public static BinanceRestTransport Transport(BinanceGatewayOptions o) =>
        new(o.RestUrl, o.ApiKey, o.ApiSecret, new BinanceRateLimits(o.WeightPerMinute, o.OrdersPer10s, o.OrdersPerMinute),
            recvWindowMs: o.RecvWindowMs, handler: o.RestHandler);

    /// <summary>A market stream silent this long is reconnected (and its books resynced).</summary>
    public TimeSpan MarketSilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the listen key is kept alive (the venue lets it lapse after 60 minutes).</summary>
    public TimeSpan ListenKeyKeepAlive { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after an unknown outcome the order is queried.</summary>
    public TimeSpan UnknownOutcomeQueryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When the gateway reconciles with the venue and what it does about a difference.</summary>
    public Hft.Exchanges.Common.Reconciliation.ReconciliationOptions Reconciliation { get; init; } = new();

    /// <summary>Request weight per minute to stay under.</summary>
    public int WeightPerMinute { get; init; } = 2400;

    /// <summary>Orders per 10 s to stay under.</summary>
    public int OrdersPer10s { get; init; } = 300;

    /// <summary>Orders per minute to stay under.</summary>
    public int OrdersPerMinute { get; init; } = 1200;

    /// <summary>The REST calls' HTTP handler; null for real sockets (a bench answers in process).</summary>
    public HttpMessageHandler? RestHandler { get; init; }

    /// <summary>False to open no WebSocket (a bench hands the gateway its frames itself).</summary>
    public bool ConnectStreams { get; init; } = true;
}
