using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>Everything a Bybit v5 (category linear) emulator is started with; the defaults are the venue's.</summary>
public sealed record BybitOptions
{
    /// <summary>The command line's default port for this venue.</summary>
    public const int DefaultPort = 18093;

    /// <summary>Address, port (0 = any free one) and WebSocket ping/pong.</summary>
    public HostSettings Host { get; init; } = new();
    /// <summary>The market to replay.</summary>
    public required MarketTape Market { get; init; }
    /// <summary>Symbol of the replayed instrument.</summary>
    public string Symbol { get; init; } = "SIMUSDT";
    /// <summary>Its tick size.</summary>
    public double TickSize { get; init; } = 0.01;
    /// <summary>Its quantity step.</summary>
    public double LotSize { get; init; } = 0.01;
    /// <summary><c>lotSizeFilter.minNotionalValue</c>.</summary>
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
    /// <summary>Seed of the random faults.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Random faults.</summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;
    /// <summary>The account's API key.</summary>
    public string ApiKey { get; init; } = EmulatorCredentials.ApiKey;
    /// <summary>The account's API secret.</summary>
    public string ApiSecret { get; init; } = EmulatorCredentials.ApiSecret;
    /// <summary>Requests per second per order endpoint (create, amend, cancel, cancel-all): Bybit's default for linear is 10.</summary>
    public int OrdersPerSecond { get; init; } = 10;
    /// <summary>
    /// Requests per second per public endpoint (market time, instruments) in the <c>X-Bapi-Limit</c> headers every response
    /// carries; going over is the IP limit's plain 403. 120 is the IP limit of 600 per 5 seconds.
    /// </summary>
    public int PublicRequestsPerSecond { get; init; } = 120;
    /// <summary>Maker fee rate.</summary>
    public double MakerFee { get; init; } = 0.0002;
    /// <summary>Taker fee rate.</summary>
    public double TakerFee { get; init; } = 0.00055;
    /// <summary>Starting wallet balance (USDT).</summary>
    public decimal InitialBalance { get; init; } = 10_000m;
    /// <summary>Wall clock for timestamps and the recv-window check (tests may pin it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
