using Akka.Actor;
using Akka.Event;
using Hft.Core.Journal;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Time;
using Hft.Core.Venues;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Common;
using Hft.Exchanges.Common.Reconciliation;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>
/// The reconciler's decisions on a venue it is told about, with a probe as the order-state actor: what it adopts,
/// resolves, reports and leaves alone; and a venue that cannot be asked halting trading until a later run completes.
/// </summary>
public sealed class VenueReconcilerTests
{
    private static readonly Instrument Sim = new("SIMUSDT", "sim", 0.01, 0.01);

    private sealed class FakeVenue : IReconciliationVenue
    {
        public volatile string? Broken;
        public List<VenueOrderUpdate> Open { get; } = new();
        public Dictionary<string, VenueOrderUpdate> History { get; } = new(StringComparer.Ordinal);

        public Task<VenueOpenOrders> OpenOrders(string symbol) =>
            Task.FromResult(Broken is { } b ? new VenueOpenOrders(b, []) : new VenueOpenOrders(null, Open.ToArray()));

        public Task<VenueOrderLookup> Lookup(string symbol, string clientOrderId) =>
            Task.FromResult(new VenueOrderLookup(null, History.GetValueOrDefault(clientOrderId)));

        public bool HasPositions => true;

        public Task<VenuePosition> Position(string symbol) => Task.FromResult(new VenuePosition(null, 2m));
    }

    private sealed record HaltReasonQuery;

    /// <summary>Stands in for a gateway: owns the reconciler and hands it its steps.</summary>
    private sealed class Host : ReceiveActor, IWithTimers
    {
        private VenueReconciler _reconciler = null!;

        public Host(FakeVenue venue, IReadOnlyList<RecoveredOrder> recovered, IActorRef orders, TaskCompletionSource opened)
        {
            Receive<ReconciliationStep>(s => _reconciler.On(s));
            Receive<PositionsCompared>(c => _reconciler.OnCompared(c));
            Receive<HaltReasonQuery>(_ => Sender.Tell(_reconciler.HaltReason ?? ""));
            Receive<string>(reason => _reconciler.Begin(reason));
            Venue = venue;
            Recovered = recovered;
            Orders = orders;
            Opened = opened;
        }

        private FakeVenue Venue { get; }
        private IReadOnlyList<RecoveredOrder> Recovered { get; }
        private IActorRef Orders { get; }
        private TaskCompletionSource Opened { get; }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart()
        {
            _reconciler = new VenueReconciler("sim", new ReconciliationOptions { Every = null, ConfirmAfter = TimeSpan.FromMilliseconds(50) }, Venue, [Sim],
                new OrderTracker([Sim]), new ClientOrderIds("hft-"), new RealClock(), Context.GetLogger(), Self, Timers, () => Orders,
                () => Opened.TrySetResult(), new ReconciliationCounts());
            _reconciler.Seed(Recovered);
        }
    }

    private static VenueOrderUpdate Update(string id, OrderStatus status, decimal cumulative, Side side = Side.Buy) =>
        new(id, status, 300m, 2m, cumulative, cumulative > 0 ? 300m : 0, 0, 0, 0, true, 1) { Side = side };

    [Test]
    public async Task At_start_ours_are_brought_up_to_date_or_adopted_the_ended_resolved_and_anyone_else_s_left_alone()
    {
        var kit = new NUnitTestKit(TestActorSystems.Shared);
        var orders = kit.CreateTestProbe();
        var venue = new FakeVenue();
        // On the venue: order 2 (the journal lost its client id), order 5 (unknown to the engine), someone else's.
        venue.Open.Add(Update("hft-2_b", OrderStatus.New, 0));
        venue.Open.Add(Update("hft-5_c", OrderStatus.PartiallyFilled, 1, Side.Sell));
        venue.Open.Add(Update("ext-9", OrderStatus.New, 0));
        // Order 1 filled while the engine was down; so did order 4, whose client id the journal lost: it is asked for
        // under the id its submission time gives.
        venue.History["hft-1_a"] = Update("hft-1_a", OrderStatus.Filled, 2);
        string fourth = new ClientOrderIds("hft-").Of(4, 1_796_000_000_000_000);
        venue.History[fourth] = Update(fourth, OrderStatus.Filled, 2, Side.Sell);
        RecoveredOrder[] recovered =
        [
            new(0, 1, Side.Buy, OrderStatus.New, 30_000, 2, "hft-1_a", 0),
            new(0, 2, Side.Buy, OrderStatus.New, 30_000, 2, null, 0),
            new(0, 3, Side.Buy, OrderStatus.None, 30_000, 2, null, 0),
            new(0, 4, Side.Sell, OrderStatus.None, 30_000, 2, null, 0, SubmittedAt: 1_796_000_000_000_000_123),
        ];
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = TestActorSystems.Shared.ActorOf(Props.Create(() => new Host(venue, recovered, orders.Ref, opened)));
        host.Tell("start");
        var reports = new List<OrderReport>();
        VenuePositionCheck? check = null;
        while (check is null)
        {
            var m = orders.ReceiveOne(TimeSpan.FromSeconds(5));
            if (m is OrderReport r) reports.Add(r);
            else check = m as VenuePositionCheck;
        }
        Assert.That(opened.Task.IsCompleted, Is.False, "order entry stays closed until the positions were compared");
        host.Tell(new PositionsCompared([], false), orders.Ref);
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Multiple(() =>
        {
            Assert.That(reports.Single(r => r.OrderId == 1).FillQuantity, Is.EqualTo(2), "the fill made while away is counted once");
            Assert.That(reports.Single(r => r.OrderId == 1).Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(reports.Single(r => r.OrderId == 2).Adopted, Is.False, "the journal knew order 2: matched by its local id");
            Assert.That(reports.Single(r => r.OrderId == 3).Status, Is.EqualTo(OrderStatus.Expired), "no id to ask for: never placed");
            Assert.That(reports.Single(r => r.OrderId == 4).FillQuantity, Is.EqualTo(2), "its fill is found under the id worked out from its submission");
            var adopted = reports.Single(r => r.OrderId == 5);
            Assert.That(adopted.Adopted, Is.True);
            Assert.That(adopted.Side, Is.EqualTo(Side.Sell));
            Assert.That(adopted.LeavesQuantity, Is.EqualTo(1));
            Assert.That(reports.Select(r => r.OrderId), Has.None.EqualTo(9UL), "someone else's order is left alone");
            Assert.That(check!.Positions, Is.EqualTo(new double?[] { 2 }));
            Assert.That(check.Adjust, Is.False, "nothing is adjusted on the first look");
        });
        TestActorSystems.Shared.Stop(host);
    }

    [Test]
    public async Task A_venue_that_cannot_be_asked_halts_trading_until_a_later_reconciliation_completes()
    {
        var kit = new NUnitTestKit(TestActorSystems.Shared);
        var orders = kit.CreateTestProbe();
        var venue = new FakeVenue { Broken = "HTTP 503" };
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = TestActorSystems.Shared.ActorOf(Props.Create(() => new Host(venue, Array.Empty<RecoveredOrder>(), orders.Ref, opened)));
        host.Tell("start");
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(5));
        string halt = await host.Ask<string>(new HaltReasonQuery(), TimeSpan.FromSeconds(5));
        Assert.That(halt, Does.Contain("reconciliation failed").And.Contain("HTTP 503"));
        venue.Broken = null;
        host.Tell("periodic");
        orders.ExpectMsg<VenuePositionCheck>(TimeSpan.FromSeconds(5));
        host.Tell(new PositionsCompared([], false), orders.Ref);
        await Task.Delay(200);
        Assert.That(await host.Ask<string>(new HaltReasonQuery(), TimeSpan.FromSeconds(5)), Is.Empty, "the halt is lifted once a reconciliation completes");
        TestActorSystems.Shared.Stop(host);
    }
}
