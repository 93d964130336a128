using System.Globalization;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>
/// The shadow venue: beside the real venue, the backtest's models on the same live rows and the same orders. Each
/// order's outcome on the venue (from the venue's reports) is compared with the model's once both are done with it:
/// filled or not, fill price, first-fill time, queue time, latency. Everything runs on the core loop's thread; its
/// state outlives a restart of the actor that feeds it.
/// </summary>
internal sealed class ShadowVenue
{
    // Enough to see what goes wrong without flooding the log of a long session.
    private const int LoggedDivergences = 20;
    private readonly Instrument[] _instruments;
    private readonly ShadowOptions _options;
    private readonly ShadowExchange[] _exchanges;
    // The venue's current order of each (instrument, id); an id's earlier orders the model still has are found by model id.
    private readonly Dictionary<(int, ulong), ShadowOrder> _byId = new();
    private readonly Dictionary<ulong, ShadowOrder> _byModelId = new();
    private ulong _lastModelId;
    // In the order they were sent, so checks run in a fixed order.
    private readonly List<ShadowOrder> _open = new();
    private readonly List<string> _firstDivergences = new();

    /// <summary>A shadow of the venue trading <paramref name="instruments"/> (by index).</summary>
    public ShadowVenue(IReadOnlyList<Instrument> instruments, ShadowOptions options)
    {
        _instruments = instruments.ToArray();
        _options = options;
        var m = options.Models;
        _exchanges = _instruments.Select((inst, i) =>
        {
            int index = i;
            return new ShadowExchange(ExchangeModels.Create(m.Exchange, i, inst, m.QueueModel(), m.Fees), options.ReorderNs, r => OnModelReport(index, r));
        }).ToArray();
        Statistics = new ShadowStatistics(options.Window);
    }

    /// <summary>What it found.</summary>
    public ShadowStatistics Statistics { get; }

    /// <summary>Told the divergence after each compared order, once at least the window's minimum were compared (the breaker's input).</summary>
    public Action<double>? DivergenceChanged { get; set; }

    /// <summary>Where the first divergences are described (null: nowhere).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>The first divergences found, described (at most 20).</summary>
    public IReadOnlyList<string> FirstDivergences => _firstDivergences;

    /// <summary>Orders not compared yet (one side, or both, still has them).</summary>
    public int OpenOrders => _open.Count;

    /// <summary>The per-instrument shadows (for tests and the session's snapshot).</summary>
    public IReadOnlyList<ShadowExchange> Exchanges => _exchanges;

    /// <summary>A live row of instrument <paramref name="instrument"/>.</summary>
    public void OnRow(int instrument, in MarketEvent ev) => _exchanges[instrument].OnRow(in ev);

    /// <summary>A request went to the venue at local time <paramref name="now"/>.</summary>
    public void OnSent(VenueCommand command, long now)
    {
        var key = (command.Instrument, command.OrderId);
        ShadowOrder? order;
        if (command.Kind == VenueCommandKind.New)
        {
            // A reused id: the venue is done with its earlier order (the strategy saw it end), the model may not be yet,
            // and the earlier one stays followed under its own model id until it is.
            order = new ShadowOrder(command, ++_lastModelId);
            _byId[key] = order;
            _byModelId[order.ModelId] = order;
            _open.Add(order);
            Statistics.Orders++;
        }
        else if (!_byId.TryGetValue(key, out order))
        {
            return; // an order from before the shadow (recovered or adopted): the model never had it
        }
        _exchanges[command.Instrument].OnSent(command with { OrderId = order.ModelId }, now);
    }

    /// <summary>The venue reported on one of our orders; it reached the order-state actor at local time <paramref name="now"/>.</summary>
    public void OnVenueReport(OrderReport report, long now)
    {
        var key = (report.Instrument, report.OrderId);
        if (!_byId.TryGetValue(key, out var order)) return;
        var exchange = _exchanges[report.Instrument];
        ulong id = order.ModelId;
        bool rejected = report.Request == OrderRequest.Rejected;
        var answers = report.Answers ?? VenueCommandKind.New;
        if (rejected)
        {
            exchange.OnAnswer(id, answers, report.ExchangeTime, placed: false);
            if (answers == VenueCommandKind.New && order.Venue.AnsweredAt < 0)
            {
                // Refused: the model never places it, so there is nothing to compare.
                Statistics.Refused++;
                Forget(order);
            }
            return;
        }
        // The first report of an order answers its new-order request, whatever it says (acknowledged, filled, expired).
        if (exchange.Awaits(id, VenueCommandKind.New)) exchange.OnAnswer(id, VenueCommandKind.New, report.ExchangeTime, placed: true);
        if (answers == VenueCommandKind.Cancel && exchange.Awaits(id, VenueCommandKind.Cancel))
        {
            // Cancelled: placed at the venue's time; filled first: the cancel came too late on the venue, and the model leaves it out.
            if (report.Status is OrderStatus.Canceled or OrderStatus.Expired) exchange.OnAnswer(id, VenueCommandKind.Cancel, report.ExchangeTime, placed: true);
            else if (report.Status == OrderStatus.Filled) exchange.OnAnswer(id, VenueCommandKind.Cancel, report.ExchangeTime, placed: false);
        }
        if (answers == VenueCommandKind.Modify && exchange.Awaits(id, VenueCommandKind.Modify))
            exchange.OnAnswer(id, VenueCommandKind.Modify, report.ExchangeTime, placed: !OrderOutcome.IsFinal(report.Status));
        if (order.Venue.Latency < 0) order.Venue.Latency = now - order.New.LocalTime;
        order.Venue.On(report);
        if (order.Venue.Final && order.VenueEndedAt < 0) order.VenueEndedAt = now;
        if (order.Venue.Final && order.Model.Final) Finish(order);
    }

    /// <summary>
    /// Housekeeping at local time <paramref name="now"/> (every 100 ms or so): places requests whose answer is overdue, applies
    /// held rows when the market is quiet, and ends the model's side of orders the venue has been done with for longer
    /// than the fill-time tolerance (it cannot fill them any more).
    /// </summary>
    public void Check(long now)
    {
        foreach (var exchange in _exchanges) Statistics.Unanswered += exchange.Check(now - _options.AnswerTimeoutNs);
        for (int i = 0; i < _open.Count; i++)
        {
            var order = _open[i];
            if (order.VenueEndedAt < 0 || order.Model.Final || now - order.VenueEndedAt <= _options.FillTimeToleranceNs) continue;
            var n = order.New;
            _exchanges[order.Instrument].Withdraw(n with { Kind = VenueCommandKind.Cancel, OrderId = order.ModelId, LocalTime = now });
            order.Model.End();
            if (Finish(order)) i--;
        }
    }

    private void OnModelReport(int instrument, OrderReport report)
    {
        if (!_byModelId.TryGetValue(report.OrderId, out var order) || order.Model.Final) return;
        if (order.Model.Latency < 0)
        {
            var latency = _options.Models.Latency;
            order.Model.Latency = latency.Entry(order.New.LocalTime, order.New) + latency.Response(report.ExchangeTime, report);
        }
        order.Model.On(report);
        if (order.Venue.Final && order.Model.Final) Finish(order);
    }

    // Compares and stops following the order; true if it was still open.
    private bool Finish(ShadowOrder order)
    {
        if (!Forget(order)) return false;
        var instrument = _instruments[order.Instrument];
        var kind = ShadowVerdict.Of(order, instrument.LotSize, _options.FillTimeToleranceNs);
        Statistics.Add(order, kind);
        if (kind != DivergenceKind.None && Statistics.Diverged <= LoggedDivergences)
        {
            string description = Describe(order, kind, instrument);
            _firstDivergences.Add(description);
            Log?.Invoke(description);
        }
        if (Statistics.Compared >= _options.MinCompared) DivergenceChanged?.Invoke(Statistics.Divergence);
        return true;
    }

    private bool Forget(ShadowOrder order)
    {
        if (!_open.Remove(order)) return false;
        var key = (order.Instrument, order.OrderId);
        if (_byId.TryGetValue(key, out var current) && ReferenceEquals(current, order)) _byId.Remove(key);
        _byModelId.Remove(order.ModelId);
        return true;
    }

    private static string Describe(ShadowOrder order, DivergenceKind kind, Instrument instrument)
    {
        string Side(OrderOutcome o) => o.Filled > 0
            ? string.Create(CultureInfo.InvariantCulture, $"filled {o.Filled:0.########} at {o.AverageFillTick * instrument.TickSize:0.########} (exchange time {o.FirstFillAt})")
            : "filled nothing";
        return string.Create(CultureInfo.InvariantCulture,
            $"shadow: order #{order.OrderId} ({instrument.Symbol} {order.New.Side} {order.New.Quantity:0.########} at {order.New.PriceTick * instrument.TickSize:0.########}) diverged ({kind.ToString().ToLowerInvariant()}): the venue took it at {order.Venue.AnsweredAt} and {Side(order.Venue)}, the model {Side(order.Model)}");
    }
}
