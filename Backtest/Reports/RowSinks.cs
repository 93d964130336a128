using System.Runtime.CompilerServices;

namespace Hft.Backtest.Reports;

/// <summary>Formats one row into a writer.</summary>
public delegate void RowFormatter<T>(Utf8RowWriter writer, in T row);

/// <summary>
/// Takes rows in order and writes them as text through a <see cref="Utf8RowWriter"/>: either at once on the
/// caller's thread (<c>background: false</c>), or, by default, by copying each row into a fixed chunk on the
/// caller's thread (the core loop: a struct copy per row) and formatting and writing the chunks on a thread of
/// its own, so a backtest's throughput does not pay for number formatting. Chunks are recycled and at most a few
/// are in flight: memory is bounded, and a disk slower than the run holds the run back rather than filling
/// memory. Rows are written in the order they were added, so the file is the same either way. A write error
/// stops the writing and is thrown by <see cref="Complete"/>.
/// </summary>
public sealed class RowSink<T> : IDisposable
{
    private sealed class Chunk(int rows)
    {
        public readonly T[] Rows = new T[rows];
        public int Count;
    }

    private readonly Utf8RowWriter _writer;
    private readonly RowFormatter<T> _format;
    private readonly string _name;
    private readonly bool _background;
    private readonly int _chunkRows;
    private readonly int _chunksInFlight;
    private readonly object _gate = new();
    private readonly Queue<Chunk> _full = new();
    private readonly Stack<Chunk> _free = new();
    private readonly Thread? _thread;
    private Chunk _current;
    private bool _adding = true;
    private volatile Exception? _error;
    private bool _completed;

    /// <summary>Creates the sink (and its writing thread when <paramref name="background"/>).</summary>
    /// <param name="writer">Where the rows go; owned (disposed) by the sink.</param>
    /// <param name="format">Formats one row.</param>
    /// <param name="name">The file's name, for error messages and the thread's name.</param>
    /// <param name="background">Format and write on a thread of the sink's own.</param>
    /// <param name="chunkRows">Rows per chunk.</param>
    /// <param name="chunksInFlight">Full chunks that may wait for the writer before <see cref="Add"/> waits.</param>
    public RowSink(Utf8RowWriter writer, RowFormatter<T> format, string name, bool background = true, int chunkRows = 4096, int chunksInFlight = 4)
    {
        _writer = writer;
        _format = format;
        _name = name;
        _background = background;
        _chunkRows = chunkRows;
        _chunksInFlight = chunksInFlight;
        _current = new Chunk(background ? chunkRows : 0);
        if (!background) return;
        _thread = new Thread(Drain) { IsBackground = true, Name = "rows " + Path.GetFileName(name) };
        _thread.Start();
        // An empty chunk through the hand-over and back, so that code runs once before a backtest starts rather
        // than first mid-run (first calls during a run delay the runtime's optimising of the engine's hot path).
        var empty = new Chunk(0);
        lock (_gate)
        {
            _full.Enqueue(empty);
            Monitor.PulseAll(_gate);
        }
        lock (_gate)
        {
            while (!_free.Contains(empty)) Monitor.Wait(_gate);
            _free.Pop();
        }
    }

    /// <summary>Adds a row (never throws for a write error: <see cref="Complete"/> reports it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in T row)
    {
        if (!_background)
        {
            AddInline(in row);
            return;
        }
        var c = _current;
        c.Rows[c.Count++] = row;
        if (c.Count == _chunkRows) Hand();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddInline(in T row)
    {
        if (_error is not null || _completed) return;
        try
        {
            _format(_writer, in row);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error = e;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Hand()
    {
        if (_current.Count == 0) return;
        lock (_gate)
        {
            while (_full.Count >= _chunksInFlight) Monitor.Wait(_gate);
            _full.Enqueue(_current);
            Monitor.PulseAll(_gate);
            _current = _free.Count > 0 ? _free.Pop() : new Chunk(_chunkRows);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Drain()
    {
        try
        {
            while (true)
            {
                Chunk chunk;
                lock (_gate)
                {
                    while (_full.Count == 0 && _adding) Monitor.Wait(_gate);
                    if (_full.Count == 0) break;
                    chunk = _full.Dequeue();
                    Monitor.PulseAll(_gate);
                }
                if (_error is null)
                {
                    try
                    {
                        var rows = chunk.Rows;
                        for (int i = 0; i < chunk.Count; i++) _format(_writer, in rows[i]);
                    }
                    catch (Exception e)
                    {
                        _error = e;
                    }
                }
                // Clear references (a row may hold strings or objects) before the chunk is reused.
                if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(chunk.Rows, 0, chunk.Count);
                chunk.Count = 0;
                lock (_gate)
                {
                    _free.Push(chunk);
                    Monitor.PulseAll(_gate);
                }
            }
        }
        finally
        {
            try
            {
                _writer.Dispose();
            }
            catch (Exception e)
            {
                _error ??= e;
            }
        }
    }

    /// <summary>Writes every row added, flushes and closes; throws an <see cref="IOException"/> if any write failed.</summary>
    public void Complete()
    {
        if (_completed) return;
        if (_thread is null)
        {
            _completed = true;
            try
            {
                _writer.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _error ??= e;
            }
        }
        else
        {
            Hand();
            _completed = true;
            lock (_gate)
            {
                _adding = false;
                Monitor.PulseAll(_gate);
            }
            _thread.Join();
        }
        if (_error is { } error) throw new IOException($"{_name}: {error.Message}", error);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Complete();
        }
        catch (IOException)
        {
            // Dispose after a failure: Complete already reported it, or the run is failing anyway.
        }
    }
}
