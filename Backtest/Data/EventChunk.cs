using Hft.Core.Markets;

namespace Hft.Backtest.Data;

/// <summary>
/// A block of consecutive rows from one file, handed out by <see cref="EventChunkStream"/>. The buffer is pooled:
/// give the chunk back with <see cref="EventChunkStream.Return"/> once its rows have been used, and do not keep
/// references to <see cref="Rows"/> after that.
/// </summary>
public sealed class EventChunk
{
    internal EventChunk(int capacity, EventChunkStream owner)
    {
        Rows = GC.AllocateUninitializedArray<MarketEvent>(capacity);
        Owner = owner;
    }

    /// <summary>The pooled buffer; only the first <see cref="Count"/> rows are valid.</summary>
    public MarketEvent[] Rows { get; }

    /// <summary>Number of valid rows (at least 1 for a chunk handed out).</summary>
    public int Count { get; internal set; }

    /// <summary>The valid rows.</summary>
    public ReadOnlySpan<MarketEvent> Span => new(Rows, 0, Count);

    /// <summary>Index, in the list given to <see cref="EventChunkStream"/>, of the file these rows come from.</summary>
    public int FileIndex { get; internal set; }

    /// <summary>Row number within that file of <c>Rows[0]</c>.</summary>
    public long FileRow { get; internal set; }

    internal EventChunkStream Owner { get; }

    /// <summary>True while the consumer holds the chunk (between TryTakeNext and Return).</summary>
    internal bool IsOut { get; set; }
}
