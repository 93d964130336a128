using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>Everything a Binance spot emulator is started with; the defaults are the venue's.</summary>
public sealed record BinanceSpotOptions
{
    /// <summary>The command line's default port for this venue.</summary>
    public const int DefaultPort = 18092;

    /// <summary>
    /// Address, port (0 = any free one) and WebSocket keep-alive. Spot pings every 20 s and drops a socket whose pong
    /// is a minute late (futures: 3 and 10 minutes), so the default differs from <see cref="HostSettings"/>'s.
    /// </summary>
    public HostSettings Host { get; init; } = new() { Port = DefaultPort, PingInterval = TimeSpan.FromSeconds(20), PongTimeout = TimeSpan.FromMinutes(1) };
    /// <summary>The market to replay.</summary>
    public required MarketTape Market { get; init; }
    /// <summary>Symbol of the replayed instrument.</summary>
    public string Symbol { get; init; } = "SIMUSDT";
    /// <summary>Base asset; null: the symbol without its quote asset (SIMUSDT → SIM).</summary>
    public string? BaseAsset { get; init; }
    /// <summary>Quote asset.</summary>
    public string QuoteAsset { get; init; } = "USDT";
    /// <summary>Its tick size (PRICE_FILTER.tickSize).</summary>
    public double TickSize { get; init; } = 0.01;
    /// <summary>Its lot size (LOT_SIZE.stepSize and minQty).</summary>
    public double LotSize { get; init; } = 0.01;
    /// <summary>NOTIONAL.minNotional: price × quantity below it is refused.</summary>
    public decimal MinNotional { get; init; } = 5m;
    /// <summary>Starting free balance of the quote asset.</summary>
    public decimal InitialQuote { get; init; } = 1_000_000m;
    /// <summary>Starting free balance of the base asset (spot cannot sell what it does not hold).</summary>
    public decimal InitialBase { get; init; } = 10_000m;
    /// <summary>Maker commission as a fraction (charged in the asset received, as the venue does without BNB).</summary>
    public decimal MakerFee { get; init; } = 0.001m;
    /// <summary>Taker commission as a fraction.</summary>
    public decimal TakerFee { get; init; } = 0.001m;
    /// <summary>
    /// How orders are matched: <see cref="Hft.Backtest.Venue.ExchangeModel.NoPartialFill"/> (the default: every fill is
    /// complete) or <see cref="Hft.Backtest.Venue.ExchangeModel.PartialFill"/> (as much as the book or the queue allows,
    /// as a real venue fills), the backtest's own exchanges.
    /// </summary>
    public Hft.Backtest.Venue.ExchangeModel Matching { get; init; } = Hft.Backtest.Venue.ExchangeModel.NoPartialFill;
    /// <summary>
    /// Makes the matching engine's queue-position model (default risk-averse, as the backtest's default): another model
    /// makes the venue fill differently from a backtest, which shadow trading must notice.
    /// </summary>
    public Func<Hft.Backtest.Models.Queue.IQueueModel> Queue { get; init; } = () => new Hft.Backtest.Models.Queue.RiskAverseQueueModel();
    /// <summary>Replay speed: event-time gaps are divided by it.</summary>
    public double Speed { get; init; } = 1.0;
    /// <summary>Seed of the random faults and of the first update id.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Random faults.</summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;
    /// <summary>The account's API key.</summary>
    public string ApiKey { get; init; } = EmulatorCredentials.ApiKey;
    /// <summary>The account's API secret.</summary>
    public string ApiSecret { get; init; } = EmulatorCredentials.ApiSecret;
    /// <summary>Request-weight and order-count limits.</summary>
    public SpotRateLimits Limits { get; init; } = new();
    /// <summary>Incoming messages a second per socket beyond which it is closed (the venue: 5; 0: no limit).</summary>
    public int MaxIncomingMessagesPerSecond { get; init; } = 5;
    /// <summary>Wall clock for event times, timestamps and rate-limit windows (tests may pin it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The base asset actually used.</summary>
    public string ResolvedBaseAsset => BaseAsset
        ?? (Symbol.EndsWith(QuoteAsset, StringComparison.OrdinalIgnoreCase) && Symbol.Length > QuoteAsset.Length
            ? Symbol[..^QuoteAsset.Length].ToUpperInvariant()
            : throw new ArgumentException($"--symbol: cannot tell the base asset of '{Symbol}' (it does not end with {QuoteAsset}); give it"));
}
