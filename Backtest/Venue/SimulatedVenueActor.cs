using System.Runtime.CompilerServices;
using Hft.Backtest.Models.Latency;
using Hft.Core.Actors;
using Hft.Core.Actors.Dispatch;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// The backtest's venue gateway (<c>/user/venues/sim</c>): sees every market event at exchange time and
/// matches orders against it; puts each request on the timeline at its arrival (send time + entry latency)
/// and each report at its receipt (exchange time + response latency), in order per direction, as
/// hftbacktest's order bus does: a message never overtakes an earlier one.
/// </summary>
public sealed class SimulatedVenueActor : ActorBase
{
    private readonly SimulatedExchange[] _exchanges;
    private readonly IOrderLatency[] _latencies;
    private readonly long[] _lastArrival;
    private readonly long[] _lastReceipt;
    private readonly List<OrderReport> _reports = new();
    private IActorRef? _reportTo;

    /// <summary>Creates the venue for the exchanges (one per instrument, in configuration order).</summary>
    public SimulatedVenueActor(IReadOnlyList<SimulatedExchange> exchanges, IReadOnlyList<IOrderLatency> latencies)
    {
        _exchanges = exchanges.ToArray();
        _latencies = latencies.ToArray();
        _lastArrival = new long[_exchanges.Length];
        _lastReceipt = new long[_exchanges.Length];
        Receive<InstrumentEvent>(OnMarketEvent);
        Receive<VenueCommand>(OnCommand);
        Receive<ExchangeArrival>(OnArrival);
    }

    private CoreLoop Loop => Context.System.CoreLoop;

    private void OnMarketEvent(in InstrumentEvent message)
    {
        _exchanges[message.Instrument].OnMarketEvent(in message.Event, _reports);
        if (_reports.Count > 0) SendReports(message.Instrument);
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
        Loop.ScheduleTellAt(arrival, DeliveryLane.ExchangeOrder(i), Self, new ExchangeArrival(command), Self);
    }

    private void OnArrival(ExchangeArrival arrival)
    {
        int i = arrival.Command.Instrument;
        _exchanges[i].OnRequest(arrival.Command, Context.Now, _reports);
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
            Context.System.Log.Warning($"Order report for #{report.OrderId} has no recipient; no order-state actor has sent a request yet.");
            return;
        }
        Loop.ScheduleTellAt(due, DeliveryLane.LocalOrder(instrument), _reportTo, report, Self);
    }
}
