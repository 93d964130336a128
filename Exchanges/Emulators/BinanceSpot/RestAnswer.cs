namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>What a handler answers: HTTP status and JSON body (refusals are thrown as <see cref="SpotRejection"/> instead).</summary>
public sealed record RestAnswer(int Status, byte[] Body)
{
    /// <summary>A 200 answer.</summary>
    public static RestAnswer Ok(byte[] body) => new(200, body);
}
