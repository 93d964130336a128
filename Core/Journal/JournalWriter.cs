using System.Buffers.Binary;
using System.Diagnostics;
using Hft.Core.Orders;
using Hft.Core.Risk;
using Hft.Core.Venues;

namespace Hft.Core.Journal;

/// <summary>
/// Appends records to a journal file from any thread without waiting for the disk: each append serializes its record
/// and copies it into an in-memory ring (the caller's cost is that and no more, nothing allocated); the writer's own
/// thread writes the ring in order and commits with fsync every <see cref="JournalWriterOptions.CommitEvery"/> records or
/// <see cref="JournalWriterOptions.CommitInterval"/>, whichever comes first. <see cref="Flush"/> waits until everything
/// appended so far is durable. A write that fails (a full disk) is kept in <see cref="Failure"/>: nothing after it is
/// written, and the owner must stop trading.
/// </summary>
public sealed class JournalWriter : ITradeJournal, IClientOrderJournal, Strategies.IStrategySnapshotJournal, IDisposable
{
    private const int RingSize = 4 << 20;
    private readonly FileStream _file;
    private readonly JournalWriterOptions _options;
    // Records go into a byte ring: the appender copies in under a lock, the writer thread takes everything up to the
    // head in one or two writes. Nothing is allocated per record.
    private readonly object _appendGate = new();
    private readonly byte[] _scratch = new byte[JournalFormat.RecordPrefixSize + JournalFormat.MaxPayload];
    private readonly byte[] _ring = new byte[RingSize];
    private long _head, _tail, _stalls;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Thread _thread;
    private readonly object _durableGate = new();
    private long _appended, _written, _durable, _commits;
    private int _waiting, _stopping, _flushRequests;
    private Exception? _failure;

    private JournalWriter(FileStream file, JournalWriterOptions options, string path)
    {
        _file = file;
        _options = options;
        Path = path;
        _thread = new Thread(Run) { Name = "hft-journal-writer", IsBackground = true };
        _thread.Start();
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Records appended (queued) so far.</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>Records committed (written and, with fsync on, on disk).</summary>
    public long Durable => Interlocked.Read(ref _durable);

    /// <summary>Appends that had to wait for the writer because the ring was full (the disk could not keep up).</summary>
    public long Stalls => Interlocked.Read(ref _stalls);

    /// <summary>Commits made (one fsync each when fsync is on).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>The write failure that stopped the journal, if any.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Opens <paramref name="path"/> for appending: a new (or zero-length) file gets a header; an existing one is first
    /// cut to <paramref name="validLength"/> (what <see cref="JournalReader"/> found intact: a torn last record goes).
    /// </summary>
    public static JournalWriter Open(string path, JournalWriterOptions? options = null, long? validLength = null)
    {
        string? dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Unbuffered: each batch the writer thread takes from the ring goes to the OS at once, so a killed process loses
        // only what was still in the ring (microseconds), not a commit interval's worth; fsync still comes in groups.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.None);
        try
        {
            if (file.Length == 0)
            {
                Span<byte> header = stackalloc byte[JournalFormat.HeaderSize];
                JournalFormat.WriteHeader(header);
                file.Write(header);
                file.Flush(flushToDisk: true);
            }
            else
            {
                long keep = validLength ?? file.Length;
                if (keep < JournalFormat.HeaderSize || keep > file.Length)
                    throw new InvalidOperationException($"{path}: cannot append after byte {keep} of a {file.Length}-byte journal");
                if (keep < file.Length) file.SetLength(keep);
                file.Seek(0, SeekOrigin.End);
            }
            return new JournalWriter(file, options ?? new JournalWriterOptions(), path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void OnOrder(Order order, long localTime)
    {
        lock (_appendGate)
        {
        var w = new JournalPayloadWriter(_scratch.AsSpan(JournalFormat.RecordPrefixSize));
        w.Byte((byte)JournalRecordKind.Order);
        w.Int64(localTime);
        w.Int32(order.Instrument);
        w.UInt64(order.Id);
        w.Byte(unchecked((byte)(sbyte)order.Side));
        w.Byte((byte)order.Status);
        w.Byte((byte)order.Request);
        w.Byte((byte)order.TimeInForce);
        w.Byte((byte)order.Type);
        w.Int64(order.PriceTick);
        w.Double(order.Quantity);
        w.Double(order.LeavesQuantity);
        w.Double(order.ExecutedQuantity);
        w.Int64(order.ExchangeTime);
        w.Text(order.RejectReason);
        Seal(w.Position);
        }
    }

    /// <inheritdoc />
    public void OnFill(Fill fill)
    {
        lock (_appendGate)
        {
        var w = new JournalPayloadWriter(_scratch.AsSpan(JournalFormat.RecordPrefixSize));
        w.Byte((byte)JournalRecordKind.Fill);
        w.Int64(fill.LocalTime);
        w.Int32(fill.Instrument);
        w.UInt64(fill.OrderId);
        w.Byte(unchecked((byte)(sbyte)fill.Side));
        w.Double(fill.Price);
        w.Double(fill.Quantity);
        w.Double(fill.Fee);
        w.Byte(fill.Maker ? (byte)1 : (byte)0);
        w.Int64(fill.ExchangeTime);
        w.Double(fill.PositionAfter);
        Seal(w.Position);
        }
    }

    /// <summary>Trading moved to <paramref name="state"/> because of <paramref name="cause"/> (a breaker, the kill switch).</summary>
    public void OnTradingState(long localTime, TradingState state, string cause, string reason)
    {
        lock (_appendGate)
        {
        var w = new JournalPayloadWriter(_scratch.AsSpan(JournalFormat.RecordPrefixSize));
        w.Byte((byte)JournalRecordKind.TradingState);
        w.Int64(localTime);
        w.Byte((byte)state);
        w.Text(cause);
        w.Text(reason);
        Seal(w.Position);
        }
    }

    /// <summary>A session started or stopped; <paramref name="description"/> says which (mode, config, venue).</summary>
    public void OnSession(long localTime, bool started, string description)
    {
        lock (_appendGate)
        {
        var w = new JournalPayloadWriter(_scratch.AsSpan(JournalFormat.RecordPrefixSize));
        w.Byte((byte)(started ? JournalRecordKind.SessionStart : JournalRecordKind.SessionStop));
        w.Int64(localTime);
        w.Text(description);
        Seal(w.Position);
        }
    }

    /// <inheritdoc />
    public void OnClientOrder(int instrument, ulong orderId, string clientOrderId, long localTime)
    {
        lock (_appendGate)
        {
            var w = new JournalPayloadWriter(_scratch.AsSpan(JournalFormat.RecordPrefixSize));
            w.Byte((byte)JournalRecordKind.ClientOrder);
            w.Int64(localTime);
            w.Int32(instrument);
            w.UInt64(orderId);
            w.Text(clientOrderId);
            Seal(w.Position);
        }
    }

    /// <inheritdoc />
    public void OnPositionAdjusted(int instrument, double from, double to, long localTime, string reason)
    {
        lock (_appendGate)
        {
            var w = new JournalPayloadWriter(_scratch.AsSpan(JournalFormat.RecordPrefixSize));
            w.Byte((byte)JournalRecordKind.PositionAdjusted);
            w.Int64(localTime);
            w.Int32(instrument);
            w.Double(from);
            w.Double(to);
            w.Text(reason);
            Seal(w.Position);
        }
    }

    /// <inheritdoc />
    public void OnStrategySnapshot(string strategy, ReadOnlySpan<byte> state, long localTime)
    {
        if (state.Length > Strategies.IStrategySnapshotJournal.MaxStateBytes)
            throw new ArgumentException($"strategy {strategy}: a saved state holds at most {Strategies.IStrategySnapshotJournal.MaxStateBytes} bytes, not {state.Length}", nameof(state));
        lock (_appendGate)
        {
            var w = new JournalPayloadWriter(_scratch.AsSpan(JournalFormat.RecordPrefixSize));
            w.Byte((byte)JournalRecordKind.StrategySnapshot);
            w.Int64(localTime);
            w.Text(strategy);
            w.Bytes(state);
            Seal(w.Position);
        }
    }

    // Under _appendGate: the record is in _scratch after its 8-byte prefix.
    private void Seal(int payload)
    {
        if (Volatile.Read(ref _failure) is not null || Volatile.Read(ref _stopping) != 0) return;
        var span = _scratch.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)payload);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], JournalFormat.Crc32C(span.Slice(JournalFormat.RecordPrefixSize, payload)));
        int total = payload + JournalFormat.RecordPrefixSize;
        if (_head + total - Volatile.Read(ref _tail) > _ring.Length)
        {
            _stalls++;
            _wake.Set();
            var spin = new SpinWait();
            while (_head + total - Volatile.Read(ref _tail) > _ring.Length && Volatile.Read(ref _failure) is null) spin.SpinOnce();
            if (Volatile.Read(ref _failure) is not null) return;
        }
        int at = (int)(_head % _ring.Length);
        int first = Math.Min(total, _ring.Length - at);
        span[..first].CopyTo(_ring.AsSpan(at));
        if (first < total) span[first..total].CopyTo(_ring);
        Volatile.Write(ref _head, _head + total);
        Interlocked.Increment(ref _appended);
        if (Volatile.Read(ref _waiting) != 0) _wake.Set();
    }

    /// <summary>Waits until every record appended before this call is durable; false if <paramref name="timeout"/> passed or the journal failed.</summary>
    public bool Flush(TimeSpan timeout)
    {
        long target = Appended;
        var watch = Stopwatch.StartNew();
        Interlocked.Increment(ref _flushRequests);
        _wake.Set();
        try
        {
            lock (_durableGate)
            {
                while (Durable < target && Failure is null)
                {
                    var left = timeout - watch.Elapsed;
                    if (left <= TimeSpan.Zero) return false;
                    Monitor.Wait(_durableGate, left);
                }
            }
            return Failure is null;
        }
        finally
        {
            Interlocked.Decrement(ref _flushRequests);
        }
    }

    private void Run()
    {
        var sinceFirstUncommitted = new Stopwatch();
        try
        {
            while (true)
            {
                // The count before the head: an appender moves the head first, so the bytes of at least this many records
                // are below it (never the lock: an appender waiting for room holds it).
                long appended = Interlocked.Read(ref _appended);
                long head = Volatile.Read(ref _head);
                long tail = Volatile.Read(ref _tail);
                if (head > tail)
                {
                    int at = (int)(tail % _ring.Length);
                    int length = (int)(head - tail);
                    int first = Math.Min(length, _ring.Length - at);
                    _file.Write(_ring, at, first);
                    if (first < length) _file.Write(_ring, 0, length - first);
                    Volatile.Write(ref _tail, head);
                }
                // Everything up to the head is written now, so at least the records counted before it are.
                if (appended > _written)
                {
                    if (_written == Durable) sinceFirstUncommitted.Restart();
                    _written = appended;
                }
                long uncommitted = _written - Durable;
                bool stopping = Volatile.Read(ref _stopping) != 0;
                if (uncommitted > 0 && (uncommitted >= _options.CommitEvery || stopping || Volatile.Read(ref _flushRequests) > 0
                                        || sinceFirstUncommitted.Elapsed >= _options.CommitInterval))
                {
                    Commit();
                    uncommitted = 0;
                }
                if (stopping && Volatile.Read(ref _head) == Volatile.Read(ref _tail)) return;
                Interlocked.Exchange(ref _waiting, 1);
                if (Volatile.Read(ref _head) == Volatile.Read(ref _tail) && Volatile.Read(ref _stopping) == 0 && Volatile.Read(ref _flushRequests) == 0)
                {
                    var wait = uncommitted > 0 ? _options.CommitInterval - sinceFirstUncommitted.Elapsed : TimeSpan.FromMilliseconds(200);
                    if (wait > TimeSpan.Zero) _wake.Wait(wait);
                }
                Interlocked.Exchange(ref _waiting, 0);
                _wake.Reset();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Volatile.Write(ref _failure, e);
            lock (_durableGate) Monitor.PulseAll(_durableGate);
        }
    }

    private void Commit()
    {
        _file.Flush(flushToDisk: _options.Fsync);
        Interlocked.Increment(ref _commits);
        lock (_durableGate)
        {
            Interlocked.Exchange(ref _durable, _written);
            Monitor.PulseAll(_durableGate);
        }
    }

    /// <summary>Writes and commits everything queued, then closes the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0) return;
        _wake.Set();
        _thread.Join();
        _file.Dispose();
        _wake.Dispose();
    }
}
