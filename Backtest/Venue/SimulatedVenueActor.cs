using System.Runtime.CompilerServices;
using Hft.Backtest.Models.Latency;
using Akka.Actor;
using Akka.Event;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Runtime;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// The backtest's venue gateway (<c>/venues/sim</c>): sees every market event at exchange time (on the
/// same-thread path from the feeds) and matches orders against it; puts each request on the timeline at its arrival (send time + entry latency)
/// and each report at its receipt (exchange time + response latency), in order per direction, as
/// hftbacktest's order bus does: a message never overtakes an earlier one.
/// </summary>
public sealed class SimulatedVenueActor : ReceiveActor, IMarketEventSink
{
    private readonly SimulatedExchange[] _exchanges;
    private readonly IOrderLatency[] _latencies;
    private readonly long[] _lastArrival;
    private readonly long[] _lastReceipt;
    private readonly List<OrderReport> _reports = new();
    private readonly CoreLoop _loop;
    private readonly DirectEntry<IMarketEventSink> _entry;
    private IActorRef? _reportTo;
    private IActorRef _self = ActorRefs.Nobody;
    private ILoggingAdapter? _log;

    /// <summary>Creates the venue for the exchanges (one per instrument, in configuration order).</summary>
    /// <param name="exchanges">The simulated exchanges, one per instrument.</param>
    /// <param name="latencies">Their order latency models.</param>
    /// <param name="loop">The core loop whose timeline requests and reports are put on.</param>
    /// <param name="entry">Where the feeds call it with exchange-time events.</param>
    public SimulatedVenueActor(IReadOnlyList<SimulatedExchange> exchanges, IReadOnlyList<IOrderLatency> latencies, CoreLoop loop,
        DirectEntry<IMarketEventSink> entry)
    {
        _loop = loop;
        _entry = entry;
        _exchanges = exchanges.ToArray();
        _latencies = latencies.ToArray();
        _lastArrival = new long[_exchanges.Length];
        _lastReceipt = new long[_exchanges.Length];
        Receive<VenueCommand>(OnCommand);
        Receive<ExchangeArrival>(OnArrival);
        Receive<DirectDeliveryFailed>(failed => failed.Rethrow());
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _self = Self;
        // Captured here: reports can be sent from the same-thread path, where there is no actor context.
        _log = Context.GetLogger();
        _entry.Attach(_self, this);
    }

    /// <inheritdoc />
    protected override void PostStop() => _entry.Detach(this);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnMarketEvent(int instrument, in MarketEvent ev)
    {
        _exchanges[instrument].OnMarketEvent(in ev, _reports);
        if (_reports.Count > 0) SendReports(instrument);
    }

    private void OnCommand(VenueCommand command)
    {
        _reportTo ??= Sender;
        int i = command.Instrument;
        long latency = _latencies[i].Entry(command.LocalTime, command);
        if (latency < 0)
        {
            var rejection = new OrderReport
            {
                Instrument = i, OrderId = command.OrderId, Side = command.Side, Status = OrderStatus.None,
                Request = OrderRequest.Rejected, PriceTick = command.PriceTick, Quantity = command.Quantity,
                LeavesQuantity = command.Quantity, RequestLocalTime = command.LocalTime,
                RejectReason = "rejected by the exchange (negative entry latency in the latency model)",
                Answers = command.Kind,
            };
            Deliver(i, command.LocalTime - latency, rejection);
            return;
        }
        long arrival = Math.Max(command.LocalTime + latency, _lastArrival[i]);
        _lastArrival[i] = arrival;
        _loop.ScheduleTellAt(arrival, DeliveryLane.ExchangeOrder(i), _self, new ExchangeArrival(command), _self);
    }

    private void OnArrival(ExchangeArrival arrival)
    {
        int i = arrival.Command.Instrument;
        _exchanges[i].OnRequest(arrival.Command, _loop.Now, _reports);
        SendReports(i);
    }

    private void SendReports(int instrument)
    {
        var latency = _latencies[instrument];
        foreach (var report in _reports) Deliver(instrument, report.ExchangeTime + latency.Response(report.ExchangeTime, report), report);
        _reports.Clear();
    }

    private void Deliver(int instrument, long due, OrderReport report)
    {
        due = Math.Max(due, _lastReceipt[instrument]);
        _lastReceipt[instrument] = due;
        if (_reportTo is null)
        {
            _log?.Warning("Order report for #{0} has no recipient; no order-state actor has sent a request yet.", report.OrderId);
            return;
        }
        _loop.ScheduleTellAt(due, DeliveryLane.LocalOrder(instrument), _reportTo, report, _self);
    }
}
