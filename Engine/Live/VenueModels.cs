using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;

namespace Hft.Engine.Live;

/// <summary>The backtest's venue models on live data and the real clock: what fills paper orders, and what the shadow venue predicts with.</summary>
/// <param name="Exchange">Fill model.</param>
/// <param name="QueueModel">Makes a queue-position model per instrument.</param>
/// <param name="Latency">Order latency.</param>
/// <param name="Fees">Fees.</param>
internal sealed record VenueModels(ExchangeModel Exchange, Func<IQueueModel> QueueModel, IOrderLatency Latency, IFeeModel Fees);
