namespace Hft.Backtest.Recording;

/// <summary>Why a sample was taken.</summary>
public enum SampleReason : byte
{
    /// <summary>The recorder's interval elapsed.</summary>
    Interval,
    /// <summary>A fill of this instrument arrived.</summary>
    Fill,
    /// <summary>The run ended.</summary>
    End,
}

/// <summary>The state of one instrument at one moment of event time (a row of <c>equity.csv</c>).</summary>
/// <param name="Time">Event time, ns since the epoch.</param>
/// <param name="Instrument">Instrument index.</param>
/// <param name="Reason">Why it was taken.</param>
/// <param name="BestBid">Best bid of the local book; NaN when the side is empty.</param>
/// <param name="BestAsk">Best ask; NaN when the side is empty.</param>
/// <param name="Mid">Mid price; NaN unless both sides exist.</param>
/// <param name="Mark">Price the equity is marked at: the mid, or the last mid when a side is empty; NaN before the first mid.</param>
/// <param name="Position">Signed position.</param>
/// <param name="Balance">Cash balance from trading.</param>
/// <param name="Fee">Cumulative fees.</param>
/// <param name="Equity">Equity marked at <paramref name="Mark"/>, net of fees (with no position: balance less fees); NaN while a position has no mark yet.</param>
/// <param name="OpenOrders">Orders resting on the venue or on their way to it.</param>
/// <param name="Trades">Cumulative fills.</param>
/// <param name="TradingVolume">Cumulative filled quantity.</param>
/// <param name="TradingValue">Cumulative filled value.</param>
/// <param name="SpreadCapture">Cumulative spread capture.</param>
public readonly record struct RecordSample(
    long Time,
    int Instrument,
    SampleReason Reason,
    double BestBid,
    double BestAsk,
    double Mid,
    double Mark,
    double Position,
    double Balance,
    double Fee,
    double Equity,
    int OpenOrders,
    long Trades,
    double TradingVolume,
    double TradingValue,
    double SpreadCapture);

/// <summary>Receives the recorder's samples on the core loop, in time order.</summary>
public interface IRecordSink
{
    /// <summary>One sample.</summary>
    void Write(RecordSample sample);

    /// <summary>The run ended: flush everything. Throws if writing failed at any point.</summary>
    void Complete();
}
