namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// The faults an emulator injects: one-shot faults armed by <c>/admin/faults</c> and random ones drawn from a
/// seeded <see cref="FaultSchedule"/>. Market faults are drawn where the venue produces its messages, in replay
/// order, so a seed gives the same schedule against the same data. Thread-safe.
/// </summary>
public sealed class FaultSwitches
{
    private readonly object _lock = new();
    private readonly Random _random;
    private readonly Dictionary<string, long> _injected = new(StringComparer.Ordinal);
    private FaultSchedule _schedule;
    private int _gaps, _duplicates, _reorders, _restErrors, _tooMany;
    private RestFailureKind _restErrorKind = RestFailureKind.UnknownExecuted;
    private long _staleUntil; // Environment.TickCount64 ms
    private long _pausedUntil; // Environment.TickCount64 ms
    private long _refusingUntil; // Environment.TickCount64 ms
    private int _slowMs;
    private int _noOneShot; // disconnects are carried out by the venue at once, never armed for later

    /// <summary>Starts with <paramref name="schedule"/>, drawing with <paramref name="seed"/>.</summary>
    public FaultSwitches(FaultSchedule schedule, int seed)
    {
        _schedule = schedule;
        _random = new Random(seed);
    }

    /// <summary>The random schedule in force.</summary>
    public FaultSchedule Schedule { get { lock (_lock) return _schedule; } }

    /// <summary>Arms the one-shot parts of an admin command (the venue carries out the rest: disconnects, listen keys, bans).</summary>
    public void Arm(FaultCommand c)
    {
        RestFailureKind kind = c.RestErrorKind is null ? RestFailureKind.UnknownExecuted : RestFailureKinds.Parse(c.RestErrorKind);
        FaultSchedule? schedule = c.Schedule is null ? null : FaultSchedule.Parse(c.Schedule);
        lock (_lock)
        {
            if (c.Clear)
            {
                _gaps = _duplicates = _reorders = _restErrors = _tooMany = 0;
                _staleUntil = 0;
                _pausedUntil = 0;
                _refusingUntil = 0;
                _slowMs = 0;
            }
            if (schedule is not null) _schedule = schedule;
            _gaps += Math.Max(0, c.Gap);
            _duplicates += Math.Max(0, c.Duplicate);
            _reorders += Math.Max(0, c.Reorder);
            if (c.RestErrors > 0) { _restErrors += c.RestErrors; _restErrorKind = kind; }
            _tooMany += Math.Max(0, c.TooManyRequests);
            if (c.StaleMs > 0) _staleUntil = Environment.TickCount64 + c.StaleMs;
            if (c.PauseMs > 0) _pausedUntil = Environment.TickCount64 + c.PauseMs;
            if (c.RefuseMs > 0) _refusingUntil = Environment.TickCount64 + c.RefuseMs;
            if (c.SlowMs is { } slow) _slowMs = Math.Max(0, slow);
        }
    }

    /// <summary>True if this depth event should be left out of the streams.</summary>
    public bool NextGap() => Draw(ref _gaps, s => s.Gap, "gap");

    /// <summary>True if every connection should be dropped now (drawn per market message).</summary>
    public bool NextDisconnect() => Draw(ref _noOneShot, s => s.Disconnect, "disconnect");

    /// <summary>What happens to the next market frame.</summary>
    public FrameFault NextFrameFault()
    {
        if (Draw(ref _duplicates, s => s.Duplicate, "duplicate")) return FrameFault.Duplicate;
        if (Draw(ref _reorders, s => s.Reorder, "reorder")) return FrameFault.Reorder;
        return FrameFault.None;
    }

    /// <summary>True while the market streams are silent; may start a drawn silence (per market message).</summary>
    public bool IsStale()
    {
        lock (_lock)
        {
            long now = Environment.TickCount64;
            if (now < _staleUntil) return true;
            if (_schedule.Stale > 0 && _random.NextDouble() < _schedule.Stale)
            {
                _staleUntil = now + _schedule.StaleMs;
                Count("stale");
                return true;
            }
            return false;
        }
    }

    /// <summary>True while WebSocket upgrades are refused (see <see cref="FaultCommand.RefuseMs"/>); counts each refusal.</summary>
    public bool RefusesConnection()
    {
        lock (_lock)
        {
            if (Environment.TickCount64 >= _refusingUntil) return false;
            Count("refused_connection");
            return true;
        }
    }

    /// <summary>True while the replay is held (see <see cref="FaultCommand.PauseMs"/>).</summary>
    public bool IsPaused()
    {
        lock (_lock) return Environment.TickCount64 < _pausedUntil;
    }

    /// <summary>Delay to add to a REST answer (ms).</summary>
    public int SlowMs { get { lock (_lock) return Math.Max(_slowMs, _schedule.SlowMs); } }

    /// <summary>The failure to inject into this order request, if any.</summary>
    public RestFailureKind? NextRestFailure()
    {
        lock (_lock)
        {
            if (_restErrors > 0) { _restErrors--; Count("rest_error"); return _restErrorKind; }
            if (_schedule.RestError > 0 && _random.NextDouble() < _schedule.RestError) { Count("rest_error"); return _schedule.RestErrorKind; }
            return null;
        }
    }

    /// <summary>True if this REST request should be answered 429.</summary>
    public bool NextForcedRateLimit() => Draw(ref _tooMany, s => s.RateLimit, "too_many_requests");

    /// <summary>Counts a fault the venue carried out itself (disconnect, listen-key expiry, ban).</summary>
    public void Record(string name)
    {
        lock (_lock) Count(name);
    }

    /// <summary>How many faults of each kind were injected.</summary>
    public IReadOnlyDictionary<string, long> Injected
    {
        get { lock (_lock) return new SortedDictionary<string, long>(_injected, StringComparer.Ordinal); }
    }

    private bool Draw(ref int oneShot, Func<FaultSchedule, double> probability, string name)
    {
        lock (_lock)
        {
            if (oneShot > 0) { oneShot--; Count(name); return true; }
            double p = probability(_schedule);
            if (p > 0 && _random.NextDouble() < p) { Count(name); return true; }
            return false;
        }
    }

    private void Count(string name) => _injected[name] = _injected.GetValueOrDefault(name) + 1;
}
