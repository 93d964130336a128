using System.Runtime.ExceptionServices;

namespace Hft.Backtest.Data;

/// <summary>
/// Replays several event files, in the given order, as one continuous feed of row chunks. One dedicated background
/// thread reads and inflates ahead of the consumer into a small pool of reusable buffers.
/// </summary>
/// <remarks>
/// <para>
/// All files are opened and their headers checked in the constructor, so a bad file fails before a run starts and
/// <see cref="TotalRows"/> is known up front. Files other than the first are then closed again and reopened by the
/// background thread when their turn comes, so many files do not hold many inflaters.
/// </para>
/// <para>
/// Memory is bounded regardless of file size: at most <c>chunksAhead + 1</c> buffers of <c>chunkRows</c> rows exist
/// (the +1 is the chunk the consumer is working on), created on demand and then recycled through
/// <see cref="Return"/>; nothing is allocated per chunk once they exist. A chunk never spans two files.
/// </para>
/// <para>
/// The hand-off is a lock with <see cref="Monitor.Wait(object)"/>/<see cref="Monitor.Pulse"/> over two fixed
/// arrays. It costs a few microseconds per chunk when a side has to wait, against milliseconds to inflate 64K rows
/// (measured: see the data-layer test notes), and allocates nothing, unlike blocking on a channel's ValueTask.
/// </para>
/// <para>
/// A failure on the background thread (a truncated or corrupt file) is rethrown, as the same
/// <see cref="EventFileException"/> object, by <see cref="TryTakeNext"/> after every chunk read before it has been
/// handed out, so the consumer sees exactly the rows that precede the failure.
/// </para>
/// <para><see cref="TryTakeNext"/> and <see cref="Return"/> are meant for one consumer thread.</para>
/// </remarks>
public sealed class EventChunkStream : IDisposable
{
    private readonly string[] _paths;
    private readonly long[] _counts;
    private readonly int _chunkRows;
    private readonly int _poolSize;
    private readonly object _lock = new();
    private readonly EventChunk[] _ready;   // ring buffer, consumer takes from _readyHead
    private readonly EventChunk[] _free;    // stack
    private readonly Thread _thread;
    private EventFileReader? _firstReader;  // opened by the constructor, handed over to the background thread
    private int _readyHead;
    private int _readyCount;
    private int _freeCount;
    private int _created;
    private int _outstanding;
    private bool _producerDone;
    private bool _stopping;
    private bool _disposed;
    private ExceptionDispatchInfo? _error;
    private long _rowsRead;

    /// <summary>
    /// Opens and validates every file, then starts reading ahead.
    /// </summary>
    /// <param name="paths">Event files in chronological order.</param>
    /// <param name="chunkRows">Rows per chunk.</param>
    /// <param name="chunksAhead">How many chunks the background thread may have ready before it waits.</param>
    /// <exception cref="EventFileException">A file is missing or invalid.</exception>
    public EventChunkStream(IReadOnlyList<string> paths, int chunkRows = 65536, int chunksAhead = 4)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunksAhead, 1);
        _paths = [.. paths];
        _counts = new long[_paths.Length];

        long total = 0;
        try
        {
            for (int i = 0; i < _paths.Length; i++)
            {
                var reader = EventFileReader.Open(_paths[i]);
                _counts[i] = reader.Count;
                total += reader.Count;
                if (i == 0) _firstReader = reader;
                else reader.Dispose();
            }
        }
        catch
        {
            _firstReader?.Dispose();
            throw;
        }
        TotalRows = total;

        // No point in buffers larger than all the data (small files, tests).
        _chunkRows = (int)Math.Min(chunkRows, Math.Max(1, total));
        _poolSize = chunksAhead + 1;
        _ready = new EventChunk[_poolSize];
        _free = new EventChunk[_poolSize];
        _thread = new Thread(Produce) { IsBackground = true, Name = "EventChunkStream reader" };
        _thread.Start();
    }

    /// <summary>Sum of the row counts in the files' headers.</summary>
    public long TotalRows { get; }

    /// <summary>Rows handed to the consumer so far.</summary>
    public long RowsRead => _rowsRead;

    /// <summary>The files, in replay order.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>
    /// Takes the next chunk, waiting for the background thread if it is not ready yet.
    /// Returns false after the last row of the last file.
    /// </summary>
    /// <exception cref="EventFileException">A file turned out to be truncated or corrupt while being read.</exception>
    /// <exception cref="InvalidOperationException">The consumer holds every buffer, so no chunk could ever arrive.</exception>
    public bool TryTakeNext(out EventChunk chunk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_lock)
        {
            while (true)
            {
                if (_readyCount > 0)
                {
                    chunk = _ready[_readyHead];
                    _ready[_readyHead] = null!;
                    _readyHead = (_readyHead + 1) % _poolSize;
                    _readyCount--;
                    _outstanding++;
                    chunk.IsOut = true;
                    _rowsRead += chunk.Count;
                    return true;
                }
                _error?.Throw();
                if (_producerDone)
                {
                    chunk = null!;
                    return false;
                }
                if (_outstanding == _poolSize)
                    throw new InvalidOperationException($"The consumer holds all {_poolSize} chunks; return one before taking the next.");
                Monitor.Wait(_lock);
            }
        }
    }

    /// <summary>Gives a chunk's buffer back for reuse. Returning after <see cref="Dispose"/> is allowed and does nothing.</summary>
    /// <exception cref="ArgumentException">The chunk is not from this stream or was already returned.</exception>
    public void Return(EventChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (!ReferenceEquals(chunk.Owner, this))
            throw new ArgumentException("The chunk belongs to another stream.", nameof(chunk));
        lock (_lock)
        {
            if (!chunk.IsOut)
                throw new ArgumentException("The chunk was already returned.", nameof(chunk));
            chunk.IsOut = false;
            _outstanding--;
            if (_disposed) return;
            _free[_freeCount++] = chunk;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Stops the background thread (promptly, after at most the chunk it is reading) and closes the files.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _stopping = true;
            Monitor.PulseAll(_lock);
        }
        _thread.Join();
    }

    private void Produce()
    {
        EventFileReader? reader = null;
        try
        {
            for (int fileIndex = 0; fileIndex < _paths.Length; fileIndex++)
            {
                if (fileIndex == 0)
                {
                    reader = _firstReader!;
                    _firstReader = null;
                }
                else
                {
                    reader = EventFileReader.Open(_paths[fileIndex]);
                }
                if (reader.Count != _counts[fileIndex])
                    throw new EventFileException(_paths[fileIndex],
                        $"changed while queued: header now says {reader.Count} rows, {_counts[fileIndex]} when the stream was opened");

                long fileRow = 0;
                while (reader.RowsRead < reader.Count)
                {
                    EventChunk? chunk = TakeFree();
                    if (chunk is null) return; // disposed
                    int n;
                    try
                    {
                        n = reader.Read(chunk.Rows);
                    }
                    catch
                    {
                        PutFree(chunk);
                        throw;
                    }
                    chunk.Count = n;
                    chunk.FileIndex = fileIndex;
                    chunk.FileRow = fileRow;
                    fileRow += n;
                    Publish(chunk);
                }
                reader.Dispose();
                reader = null;
            }
        }
        catch (Exception e)
        {
            lock (_lock) _error = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            reader?.Dispose();
            _firstReader?.Dispose(); // only if we stopped before taking it over
            lock (_lock)
            {
                _producerDone = true;
                Monitor.PulseAll(_lock);
            }
        }
    }

    /// <summary>A buffer to fill, or null once the stream is being disposed.</summary>
    private EventChunk? TakeFree()
    {
        lock (_lock)
        {
            while (true)
            {
                if (_stopping) return null;
                if (_freeCount > 0)
                {
                    var chunk = _free[--_freeCount];
                    _free[_freeCount] = null!;
                    return chunk;
                }
                // Created lazily so short replays never allocate the whole pool.
                if (_created < _poolSize)
                {
                    _created++;
                    return new EventChunk(_chunkRows, this);
                }
                Monitor.Wait(_lock);
            }
        }
    }

    private void PutFree(EventChunk chunk)
    {
        lock (_lock) _free[_freeCount++] = chunk;
    }

    private void Publish(EventChunk chunk)
    {
        lock (_lock)
        {
            _ready[(_readyHead + _readyCount) % _poolSize] = chunk;
            _readyCount++;
            Monitor.PulseAll(_lock);
        }
    }
}
