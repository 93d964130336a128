using Hft.Core.Markets;

namespace Hft.Engine.Config;

/// <summary>One instrument (<c>[[instruments]]</c>).</summary>
/// <param name="Symbol">The venue's symbol (<c>symbol</c>), e.g. <c>BTCUSDT</c>.</param>
/// <param name="Venue">Name of the venue it trades on (<c>venue</c>).</param>
/// <param name="TickSize">Price increment (<c>tick_size</c>), positive.</param>
/// <param name="LotSize">Quantity increment (<c>lot_size</c>), positive.</param>
/// <param name="Contract">Linear or inverse (<c>contract</c>).</param>
/// <param name="ContractSize">Multiplier on traded value (<c>contract_size</c>), positive.</param>
/// <param name="Data">Backtest only: event files replayed in order (<c>data</c>), full paths; empty when not given.</param>
/// <param name="InitialSnapshot">Backtest only: event file whose rows set the starting book (<c>initial_snapshot</c>), full path.</param>
public sealed record InstrumentSettings(
    string Symbol,
    string Venue,
    double TickSize,
    double LotSize,
    ContractKind Contract,
    double ContractSize,
    IReadOnlyList<string> Data,
    string? InitialSnapshot)
{
    /// <summary>The domain instrument.</summary>
    public Instrument ToInstrument() => new(Symbol, Venue, TickSize, LotSize, Contract, ContractSize);
}
