namespace Hft.Exchanges.Common;

/// <summary>
/// Takes every market frame and REST snapshot a gateway receives, as received, for <c>record</c>: written in the raw
/// collector format (<c>&lt;ns receive time&gt; &lt;json&gt;</c>) that <c>convert</c> reads, so a recording converts to exactly the
/// rows the live books saw.
/// </summary>
public interface IRawFrameRecorder
{
    /// <summary>Records one message of <paramref name="instrument"/> received at <paramref name="receivedAt"/> (ns).</summary>
    void Record(int instrument, long receivedAt, ReadOnlySpan<byte> json);
}
