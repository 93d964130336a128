using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// A growable, index-addressable list of event rows, kept in fixed-size chunks so that growing it never copies
/// rows: a plain doubling array would briefly need 1.5 times the final size (about 10 GB for a day of BTCUSDT
/// futures, ~100 M rows of 64 bytes), chunks need only the rows themselves plus one partly filled chunk.
/// </summary>
/// <remarks>
/// The order corrections sort <see cref="int"/> indexes into the store, so it holds at most
/// <see cref="MaxCount"/> rows (137 GB of rows; far beyond what the conversion can hold in memory anyway).
/// </remarks>
public sealed class EventRowStore
{
    /// <summary>Log2 of the rows per chunk: 65 536 rows, 4 MB.</summary>
    private const int ChunkShift = 16;
    private const int ChunkRows = 1 << ChunkShift;
    private const int ChunkMask = ChunkRows - 1;

    /// <summary>Largest number of rows a store can hold.</summary>
    public const int MaxCount = int.MaxValue;

    private MarketEvent[][] _chunks = new MarketEvent[4][];
    private int _chunkCount;
    private int _count;

    /// <summary>An empty store.</summary>
    public EventRowStore()
    {
    }

    /// <summary>A store holding a copy of <paramref name="rows"/>.</summary>
    public EventRowStore(ReadOnlySpan<MarketEvent> rows)
    {
        foreach (ref readonly var row in rows) Add(row);
    }

    /// <summary>Number of rows.</summary>
    public int Count => _count;

    /// <summary>The row at <paramref name="index"/>, by reference so it can be replaced in place.</summary>
    public ref MarketEvent this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the store holds {_count} rows");
            return ref _chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    /// <summary>Appends a row.</summary>
    /// <exception cref="InvalidOperationException">The store already holds <see cref="MaxCount"/> rows.</exception>
    public void Add(in MarketEvent row)
    {
        if (_count == MaxCount)
            throw new InvalidOperationException($"more than {MaxCount:N0} rows; convert fewer files at once");
        int slot = _count & ChunkMask;
        if (slot == 0) AddChunk();
        _chunks[_chunkCount - 1][slot] = row;
        _count++;
    }

    /// <summary>Forgets every row but keeps the chunks, so a store reused per message allocates nothing.</summary>
    public void Clear()
    {
        _count = 0;
        _chunkCount = 0;
    }

    /// <summary>Number of chunks in use; see <see cref="Chunk"/>.</summary>
    public int ChunkCount => _chunkCount;

    /// <summary>
    /// The rows of chunk <paramref name="chunk"/> (all full but the last), for passes over every row in order
    /// without per-row index arithmetic.
    /// </summary>
    public Span<MarketEvent> Chunk(int chunk)
    {
        if ((uint)chunk >= (uint)_chunkCount) throw new ArgumentOutOfRangeException(nameof(chunk));
        int length = chunk == _chunkCount - 1 ? _count - (chunk << ChunkShift) : ChunkRows;
        return _chunks[chunk].AsSpan(0, length);
    }

    /// <summary>Copies the rows into a new array.</summary>
    public MarketEvent[] ToArray()
    {
        var result = new MarketEvent[_count];
        for (int c = 0; c < _chunkCount; c++) Chunk(c).CopyTo(result.AsSpan(c << ChunkShift));
        return result;
    }

    /// <summary>Reads a row without the bounds check, for the correction passes whose indexes are known valid.</summary>
    internal ref readonly MarketEvent At(int index) => ref _chunks[index >> ChunkShift][index & ChunkMask];

    private void AddChunk()
    {
        if (_chunkCount == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        // After Clear the chunks are still there: reuse them.
        _chunks[_chunkCount] ??= new MarketEvent[ChunkRows];
        _chunkCount++;
    }
}
