using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;

namespace Hft.Engine.Live;

/// <summary>The models of the simulated venue that fills paper orders: the backtest's, on live data and the real clock.</summary>
/// <param name="Exchange">Fill model.</param>
/// <param name="QueueModel">Makes a queue-position model per instrument.</param>
/// <param name="Latency">Order latency.</param>
/// <param name="Fees">Fees.</param>
internal sealed record PaperVenue(ExchangeModel Exchange, Func<IQueueModel> QueueModel, IOrderLatency Latency, IFeeModel Fees);
