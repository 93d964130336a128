using Hft.Core.Risk.Breakers;

namespace Hft.Exchanges.Common;

/// <summary>
/// What a live gateway saw, for the session's summary and the logs (written on the core loop, read after it stopped),
/// and the connection and book state the circuit breakers watch.
/// </summary>
public sealed class GatewayStatistics : IVenueHealth
{
    // Streams down now, with the loop time each went down.
    private readonly Dictionary<int, long> _down = new();

    /// <inheritdoc />
    public long? DisconnectedSince => _down.Count == 0 ? null : _down.Values.Min();

    /// <summary>Records that stream <paramref name="stream"/> went down at <paramref name="now"/> (the first loss counts).</summary>
    public void StreamDown(int stream, long now) => _down.TryAdd(stream, now);

    /// <summary>Records that stream <paramref name="stream"/> is connected again.</summary>
    public void StreamUp(int stream) => _down.Remove(stream);

    /// <inheritdoc />
    public bool IsBookSynced(int instrument) => instrument >= _bookSynced.Length || Volatile.Read(ref _bookSynced[instrument]) == 1;

    /// <summary>Market event rows handed to the books.</summary>
    public long Rows { get; set; }

    /// <summary>Stream frames parsed.</summary>
    public long Frames { get; set; }

    /// <summary>Frames or answers that could not be parsed (each logged, the stream resynced).</summary>
    public long BadMessages { get; set; }

    /// <summary>Book rebuilds after a gap, a reconnect or a crossed book.</summary>
    public long Resyncs { get; set; }

    /// <summary>Stream reconnections.</summary>
    public long Reconnects { get; set; }

    /// <summary>Requests the venue refused.</summary>
    public long Rejected { get; set; }

    /// <summary>Requests whose outcome was unknown and had to be resolved by a query or the user stream.</summary>
    public long UnknownOutcomes { get; set; }

    /// <summary>429 answers.</summary>
    public long RateLimited { get; set; }

    /// <summary>The venue's position per symbol, from its account events and queries.</summary>
    public Dictionary<string, decimal> VenuePositions { get; } = new(StringComparer.Ordinal);

    private long[] _bookIds = [];
    private int[] _bookSynced = [];

    /// <summary>Makes room for the sync state of <paramref name="instruments"/> books (the gateway calls it once).</summary>
    public void TrackBooks(int instruments)
    {
        _bookIds = new long[instruments];
        _bookSynced = new int[instruments];
    }

    /// <summary>Records a book's sync state (on the core loop; readable from any thread).</summary>
    public void SetBook(int instrument, bool synced, long lastUpdateId)
    {
        Volatile.Write(ref _bookIds[instrument], lastUpdateId);
        Volatile.Write(ref _bookSynced[instrument], synced ? 1 : 0);
    }

    /// <summary>A book's sync state as last recorded: synced, and the update id of the last event applied.</summary>
    public (bool Synced, long LastUpdateId) Book(int instrument) =>
        (Volatile.Read(ref _bookSynced[instrument]) == 1, Volatile.Read(ref _bookIds[instrument]));

    /// <summary>What reconciliation with the venue found.</summary>
    public Reconciliation.ReconciliationCounts Reconciliation { get; } = new();

    private IRateLimitUsageSource? _rateLimits;

    /// <summary>The gateway's rate limiter, for the metrics (set once by the gateway; read from any thread).</summary>
    public IRateLimitUsageSource? RateLimits
    {
        get => Volatile.Read(ref _rateLimits);
        set => Volatile.Write(ref _rateLimits, value);
    }

    /// <summary>Open orders the venue still held when the session ended (-1 if it could not be asked).</summary>
    public int OpenOrdersAtExit { get; set; } = -1;
}
