using Hft.Backtest.Data;

namespace Hft.Backtest.Feed;

/// <summary>
/// Event files replayed in order as one feed: a background thread decompresses ahead into pooled chunks
/// (see <see cref="EventChunkStream"/>) while the core loop replays on its own thread.
/// </summary>
public sealed class FileBlockSource : IEventBlockSource
{
    private readonly EventChunkStream _stream;

    /// <summary>Opens every file now (so a bad file fails before the run) and starts reading ahead.</summary>
    public FileBlockSource(IReadOnlyList<string> paths, int chunkRows = 65536, int chunksAhead = 4)
    {
        Names = paths.ToArray();
        _stream = new EventChunkStream(paths, chunkRows, chunksAhead);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; }

    /// <summary>Rows announced by the files' headers.</summary>
    public long TotalRows => _stream.TotalRows;

    /// <inheritdoc />
    public bool TryTake(out EventBlock block)
    {
        if (!_stream.TryTakeNext(out var chunk))
        {
            block = default;
            return false;
        }
        block = new EventBlock(chunk.Rows, 0, chunk.Count, chunk.FileIndex, chunk.FileRow, chunk);
        return true;
    }

    /// <inheritdoc />
    public void Release(in EventBlock block)
    {
        if (block.Token is EventChunk chunk) _stream.Return(chunk);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
