using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>
/// One instrument's shadow: the backtest's simulated exchange fed the live rows in exchange-time order, with each of
/// our requests placed at the exchange time the venue says it took it. Two things stand between the live feed and
/// that order. A request's answer comes after rows the venue had already seen past its time, so while any request
/// waits for its answer nothing is applied. And the venue's streams come over separate sockets (depth, trades) that
/// overtake each other, so the rows are kept a reorder window (in exchange time) behind the newest before they are
/// applied, sorted by their time. The model thus sees the market and our orders in the venue's own order, to the
/// venue's timestamp resolution, and a fill difference is the fill and queue models', not the transport's.
/// </summary>
internal sealed class ShadowExchange
{
    // A venue that never answers must not hold rows without bound: past this, the oldest request is placed as is.
    private const int MaxHeld = 1 << 20;
    private readonly SimulatedExchange _model;
    private readonly long _reorderNs;
    // Rows and answered requests not applied yet, in exchange-time order (equal times: as they came).
    private readonly List<Item> _queue = new(4096);
    private int _next;
    private readonly List<PendingRequest> _pending = new();
    private readonly List<OrderReport> _reports = new();
    private readonly Action<OrderReport> _onReport;
    private long _lastRowTime;
    private long _rowsSinceCheck;

    /// <summary>A shadow over <paramref name="model"/>, whose reports go to <paramref name="onReport"/>.</summary>
    /// <param name="model">The simulated exchange.</param>
    /// <param name="reorderNs">How far (exchange time) rows are kept behind the newest, so late ones take their place.</param>
    /// <param name="onReport">Where the model's reports go.</param>
    public ShadowExchange(SimulatedExchange model, long reorderNs, Action<OrderReport> onReport)
    {
        _model = model;
        _reorderNs = reorderNs;
        _onReport = onReport;
    }

    /// <summary>Rows (and answered requests) not applied yet.</summary>
    public int Held => _queue.Count - _next;

    /// <summary>Requests waiting for their answers.</summary>
    public int Pending => _pending.Count;

    /// <summary>Our orders resting on the model's book.</summary>
    public int Resting => _model.RestingCount;

    /// <summary>A live row.</summary>
    public void OnRow(in MarketEvent ev)
    {
        if (ev.ExchangeTime > _lastRowTime) _lastRowTime = ev.ExchangeTime;
        _rowsSinceCheck++;
        Insert(new Item(ev.ExchangeTime, ev, null));
        if (Held > MaxHeld && _pending.Count > 0) _pending[0].Resolve(_lastRowTime, placed: true);
        Drain(all: false);
    }

    /// <summary>A request went to the venue at local time <paramref name="sentAt"/>.</summary>
    public void OnSent(VenueCommand command, long sentAt) => _pending.Add(new PendingRequest(command, sentAt));

    /// <summary>True if a request of <paramref name="kind"/> for <paramref name="orderId"/> waits for its answer.</summary>
    public bool Awaits(ulong orderId, VenueCommandKind kind)
    {
        foreach (var p in _pending)
        {
            if (!p.Resolved && p.Command.OrderId == orderId && p.Command.Kind == kind) return true;
        }
        return false;
    }

    /// <summary>
    /// The venue answered the oldest waiting request of <paramref name="kind"/> for <paramref name="orderId"/>: the model
    /// places it at exchange time <paramref name="at"/> (0: the venue gave none, so at the latest row's), or leaves it
    /// out (<paramref name="placed"/> false: the venue refused it, or it came too late to matter).
    /// </summary>
    public void OnAnswer(ulong orderId, VenueCommandKind kind, long at, bool placed)
    {
        foreach (var p in _pending)
        {
            if (p.Resolved || p.Command.OrderId != orderId || p.Command.Kind != kind) continue;
            p.Resolve(at > 0 ? at : _lastRowTime, placed);
            Drain(all: false);
            return;
        }
    }

    /// <summary>
    /// Housekeeping (every 100 ms or so): places every request sent before local time <paramref name="sentBefore"/> that is
    /// still unanswered (returns how many), and if no row came since the last check, applies everything held (a quiet
    /// market has no newer row to wait for).
    /// </summary>
    public int Check(long sentBefore)
    {
        int placed = 0;
        foreach (var p in _pending)
        {
            if (p.Resolved || p.SentAt >= sentBefore) continue;
            p.Resolve(_lastRowTime, placed: true);
            placed++;
        }
        bool quiet = _rowsSinceCheck == 0;
        _rowsSinceCheck = 0;
        Drain(all: quiet);
        return placed;
    }

    /// <summary>Takes an order off the model's book (the venue is done with it; the model must not fill it later).</summary>
    public void Withdraw(VenueCommand cancel)
    {
        var request = new PendingRequest(cancel, 0);
        request.Resolve(_lastRowTime, placed: true);
        _pending.Add(request);
        Drain(all: false);
    }

    // Applies what is due: nothing while a request waits for its answer; else everything up to the reorder window
    // behind the newest row (all of it when asked).
    private void Drain(bool all)
    {
        // Answered requests, oldest sent first, take their place in time; the first unanswered one stops everything.
        while (_pending.Count > 0 && _pending[0].Resolved)
        {
            var head = _pending[0];
            _pending.RemoveAt(0);
            if (head.Placed) Insert(new Item(head.At, default, head));
        }
        if (_pending.Count > 0) return;
        long due = all ? long.MaxValue : _lastRowTime - _reorderNs;
        while (_next < _queue.Count && _queue[_next].Time <= due)
        {
            var item = _queue[_next++];
            if (item.Request is { } request) _model.OnRequest(request.Command, request.At, _reports);
            else
            {
                var row = item.Row;
                _model.OnMarketEvent(in row, _reports);
            }
            if (_reports.Count > 0) Flush();
        }
        if (_next == _queue.Count)
        {
            _queue.Clear();
            _next = 0;
        }
        else if (_next > 4096 && _next * 2 > _queue.Count)
        {
            _queue.RemoveRange(0, _next);
            _next = 0;
        }
    }

    private void Insert(Item item)
    {
        // Nearly always in order: placed at the end; a late one goes after everything at or before its time.
        int i = _queue.Count;
        while (i > _next && _queue[i - 1].Time > item.Time) i--;
        if (i == _queue.Count) _queue.Add(item);
        else _queue.Insert(i, item);
    }

    private void Flush()
    {
        // Copied out first: a report's handler may lead to more requests and reports.
        var reports = _reports.ToArray();
        _reports.Clear();
        foreach (var r in reports) _onReport(r);
    }

    private readonly record struct Item(long Time, MarketEvent Row, PendingRequest? Request);
}
