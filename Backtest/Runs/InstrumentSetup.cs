using Hft.Backtest.Feed;
using Hft.Core.Markets;

namespace Hft.Backtest.Runs;

/// <summary>One instrument of a backtest: what it is, where its data comes from, and its starting book.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Data">Opens its data (called once, when the run starts).</param>
/// <param name="InitialSnapshot">Book levels applied to both the local and the exchange book before replay.</param>
public sealed record InstrumentSetup(Instrument Instrument, Func<IEventBlockSource> Data, MarketEvent[]? InitialSnapshot = null);
