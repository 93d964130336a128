using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>Everything a Binance USD-M futures emulator is started with; the defaults are the venue's.</summary>
public sealed record BinanceFuturesOptions
{
    /// <summary>The command line's default port for this venue.</summary>
    public const int DefaultPort = 18091;

    /// <summary>Address, port (0 = any free one) and WebSocket ping/pong.</summary>
    public HostSettings Host { get; init; } = new();
    /// <summary>The market to replay.</summary>
    public required MarketTape Market { get; init; }
    /// <summary>Symbol of the replayed instrument.</summary>
    public string Symbol { get; init; } = "SIMUSDT";
    /// <summary>Its tick size.</summary>
    public double TickSize { get; init; } = 0.01;
    /// <summary>Its lot (step) size.</summary>
    public double LotSize { get; init; } = 0.01;
    /// <summary>MIN_NOTIONAL notional.</summary>
    public decimal MinNotional { get; init; } = 5m;
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
    /// <summary>Seed of the update-id jumps and the random faults.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Random faults.</summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;
    /// <summary>The account's API key.</summary>
    public string ApiKey { get; init; } = EmulatorCredentials.ApiKey;
    /// <summary>The account's API secret.</summary>
    public string ApiSecret { get; init; } = EmulatorCredentials.ApiSecret;
    /// <summary>Listen-key validity after creation or keep-alive.</summary>
    public TimeSpan ListenKeyValidity { get; init; } = TimeSpan.FromMinutes(60);
    /// <summary>Request and order limits.</summary>
    public RateLimits Limits { get; init; } = new();
    /// <summary>Maker fee as a fraction of traded value (negative: rebate).</summary>
    public double MakerFee { get; init; } = 0.0002;
    /// <summary>Taker fee as a fraction of traded value.</summary>
    public double TakerFee { get; init; } = 0.0005;
    /// <summary>Starting wallet balance of the margin asset.</summary>
    public decimal InitialBalance { get; init; } = 10_000m;
    /// <summary>Incoming messages a second per socket beyond which it is closed (the venue: 10; 0: no limit).</summary>
    public int MaxIncomingMessagesPerSecond { get; init; } = 10;
    /// <summary>Wall clock for event times, timestamps and expiry (tests may pin it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
