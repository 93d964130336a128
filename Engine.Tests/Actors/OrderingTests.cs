using Hft.Core.Actors;
using Hft.Core.Actors.Dispatch;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Actors;

public sealed class OrderingTests
{
    private sealed class Forwarder : ActorBase
    {
        public Forwarder(IActorRef next, Recorder rec, string name)
        {
            Receive<int>(i =>
            {
                rec.Add($"{name}:{i}");
                next.Tell(i * 10);
            });
        }
    }

    /// <summary>A sorted feed of (time, value) pairs delivered straight to an actor.</summary>
    private sealed class ListSource : TimedSource
    {
        private readonly (long Time, int Value)[] _items;
        private readonly DirectRecipient _target;
        private int _next;

        public ListSource(int lane, DirectRecipient target, params (long, int)[] items) : base(lane)
        {
            _items = items;
            _target = target;
        }

        public override void Open() => NextTime = _items.Length > 0 ? _items[0].Time : long.MaxValue;

        public override void DeliverNext()
        {
            _target.Deliver(_items[_next].Value, null);
            _next++;
            NextTime = _next < _items.Length ? _items[_next].Time : long.MaxValue;
        }
    }

    [Test]
    public void Messages_between_two_actors_keep_their_order_and_consequences_run_before_later_messages()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var sink = system.ActorOf(Props.Create(() => new ProbeActor(rec, "sink")), "sink");
        var fwd = system.ActorOf(Props.Create(() => new Forwarder(sink, rec, "fwd")), "fwd");
        for (int i = 1; i <= 3; i++) fwd.Tell(i);
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "fwd:1", "fwd:2", "fwd:3", "sink@1000:10", "sink@1000:20", "sink@1000:30" }));
    }

    [Test]
    public void Timers_and_feeds_merge_by_time_then_lane_then_sequence()
    {
        using var system = TestSystems.Virtual(out _, start: 0);
        var rec = new Recorder();
        var probe = system.ActorOf(Props.Create(() => new ProbeActor(rec, "p")), "p");
        var loop = system.CoreLoop;
        var target = loop.DirectRecipientFor(probe);
        loop.AddSource(new ListSource(DeliveryLane.ExchangeData(0), target, (10, 1), (20, 2), (30, 3)));
        loop.AddSource(new ListSource(DeliveryLane.LocalData(0), target, (20, 100), (25, 101)));
        loop.ScheduleTellAt(20, DeliveryLane.Timer, probe, "timer");
        loop.ScheduleTellAt(20, DeliveryLane.ExchangeOrder(0), probe, "exch-order");
        loop.ScheduleTellAt(20, DeliveryLane.LocalOrder(0), probe, "local-order");
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[]
        {
            "p@10:1", "p@20:100", "p@20:local-order", "p@20:2", "p@20:exch-order", "p@20:timer", "p@25:101", "p@30:3",
        }));
    }

    [Test]
    public void Two_instruments_tie_break_in_configuration_order()
    {
        using var system = TestSystems.Virtual(out _, start: 0);
        var rec = new Recorder();
        var probe = system.ActorOf(Props.Create(() => new ProbeActor(rec, "p")), "p");
        var loop = system.CoreLoop;
        var target = loop.DirectRecipientFor(probe);
        loop.AddSource(new ListSource(DeliveryLane.LocalData(1), target, (5, 11)));
        loop.AddSource(new ListSource(DeliveryLane.ExchangeData(0), target, (5, 2)));
        loop.AddSource(new ListSource(DeliveryLane.LocalData(0), target, (5, 1)));
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "p@5:1", "p@5:2", "p@5:11" }));
    }

    [Test]
    public void A_virtual_run_ends_with_its_data_even_if_a_repeating_timer_is_left()
    {
        using var system = TestSystems.Virtual(out _, start: 0);
        var rec = new Recorder();
        var probe = system.ActorOf(Props.Create(() => new ProbeActor(rec, "p")), "p");
        var loop = system.CoreLoop;
        loop.AddSource(new ListSource(DeliveryLane.LocalData(0), loop.DirectRecipientFor(probe), (0, 1), (250, 2)));
        loop.ScheduleTellRepeatedly(TimeSpan.FromTicks(1), TimeSpan.FromTicks(1), probe, "tick"); // every 100 ns
        system.Run();
        Assert.That(rec.Lines.Count(l => l.EndsWith(":tick", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(rec.Lines.Last(), Is.EqualTo("p@250:2"));
    }

    [Test]
    public void Out_of_range_run_until_stops_at_the_given_time()
    {
        using var system = TestSystems.Virtual(out _, start: 0);
        var rec = new Recorder();
        var probe = system.ActorOf(Props.Create(() => new ProbeActor(rec, "p")), "p");
        system.CoreLoop.ScheduleTellAt(10, DeliveryLane.Timer, probe, "a");
        system.CoreLoop.ScheduleTellAt(20, DeliveryLane.Timer, probe, "b");
        system.Run(until: 15);
        Assert.That(rec.Lines, Is.EqualTo(new[] { "p@10:a" }));
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "p@10:a", "p@20:b" }));
        Assert.That(((VirtualClock)system.CoreLoop.Clock).Now, Is.EqualTo(20));
    }
}
