using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>
/// One instrument's shadow: the backtest's simulated exchange fed the live rows, with each of our requests placed at
/// the exchange time the venue says it took it. A request's answer comes after rows the venue had already seen
/// past that time, so while any request waits for its answer the rows are held, and on the answer the rows up to its
/// time go first, then the request, then the rest. The model thus sees the market and our orders in the venue's own
/// order (to the venue's timestamp resolution), and a fill difference is the fill and queue models', not latency's.
/// </summary>
internal sealed class ShadowExchange
{
    // A venue that never answers must not hold rows without bound: past this, the oldest request is placed as is.
    private const int MaxHeld = 1 << 20;
    private readonly SimulatedExchange _model;
    private readonly Queue<MarketEvent> _held = new(4096);
    private readonly List<PendingRequest> _pending = new();
    private readonly List<OrderReport> _reports = new();
    private readonly Action<OrderReport> _onReport;
    private long _lastRowTime;

    /// <summary>A shadow over <paramref name="model"/>, whose reports go to <paramref name="onReport"/>.</summary>
    public ShadowExchange(SimulatedExchange model, Action<OrderReport> onReport)
    {
        _model = model;
        _onReport = onReport;
    }

    /// <summary>Rows held back while requests wait for their answers.</summary>
    public int Held => _held.Count;

    /// <summary>Requests waiting for their answers.</summary>
    public int Pending => _pending.Count;

    /// <summary>Our orders resting on the model's book.</summary>
    public int Resting => _model.RestingCount;

    /// <summary>A live row, at exchange time.</summary>
    public void OnRow(in MarketEvent ev)
    {
        if (ev.ExchangeTime > _lastRowTime) _lastRowTime = ev.ExchangeTime;
        if (_pending.Count == 0)
        {
            Apply(in ev);
            return;
        }
        _held.Enqueue(ev);
        if (_held.Count <= MaxHeld) return;
        _pending[0].Resolve(_lastRowTime, placed: true);
        Release();
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
            Release();
            return;
        }
    }

    /// <summary>Places every request sent before local time <paramref name="sentBefore"/> that is still unanswered; returns how many.</summary>
    public int PlaceUnanswered(long sentBefore)
    {
        int placed = 0;
        foreach (var p in _pending)
        {
            if (p.Resolved || p.SentAt >= sentBefore) continue;
            p.Resolve(_lastRowTime, placed: true);
            placed++;
        }
        if (placed > 0) Release();
        return placed;
    }

    /// <summary>Takes an order off the model's book now (the venue is done with it; the model must not fill it later).</summary>
    public void Withdraw(VenueCommand cancel)
    {
        var request = new PendingRequest(cancel, 0);
        request.Resolve(_lastRowTime, placed: true);
        _pending.Add(request);
        Release();
    }

    private void Release()
    {
        while (_pending.Count > 0 && _pending[0].Resolved)
        {
            var head = _pending[0];
            _pending.RemoveAt(0);
            while (_held.Count > 0 && _held.Peek().ExchangeTime <= head.At)
            {
                var row = _held.Dequeue();
                Apply(in row);
            }
            if (!head.Placed) continue;
            _model.OnRequest(head.Command, head.At, _reports);
            Flush();
        }
        if (_pending.Count > 0) return;
        while (_held.Count > 0)
        {
            var row = _held.Dequeue();
            Apply(in row);
        }
    }

    private void Apply(in MarketEvent ev)
    {
        _model.OnMarketEvent(in ev, _reports);
        if (_reports.Count > 0) Flush();
    }

    private void Flush()
    {
        // Copied out first: a report's handler may withdraw an order, which adds reports.
        var reports = _reports.ToArray();
        _reports.Clear();
        foreach (var r in reports) _onReport(r);
    }
}
