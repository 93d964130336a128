namespace Hft.Core.Risk.Breakers;

/// <summary>What a live gateway knows about its connection, for the breakers (a backtest has none).</summary>
public interface IVenueHealth
{
    /// <summary>Since when (loop clock, ns) the venue has been disconnected, or null while connected.</summary>
    long? DisconnectedSince { get; }

    /// <summary>True while the book of <paramref name="instrument"/> is in sync with the venue (no gap waiting for a resync).</summary>
    bool IsBookSynced(int instrument);
}
