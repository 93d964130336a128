using Akka.Actor;
using Hft.Core.Runtime;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Runtime;

public sealed class CoreLoopOrderingTests
{
    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef next, Lines lines, string name)
        {
            Receive<int>(i =>
            {
                lines.Add($"{name}:{i}");
                next.Tell(i * 10);
            });
        }
    }

    [Test]
    public void Messages_between_two_actors_keep_their_order_and_run_on_the_loop_thread()
    {
        using var h = LoopHarness.Virtual(1_000);
        var lines = new Lines();
        var sink = h.Spawn(() => new ProbeActor(lines, "sink", h.Clock), "sink");
        var fwd = h.Spawn(() => new Forwarder(sink, lines, "fwd"), "fwd");
        for (int i = 1; i <= 3; i++) fwd.Tell(i);
        int loopThread = Environment.CurrentManagedThreadId;
        h.Loop.Run();
        // Akka 1.5 handles throughput + 1 messages per mailbox run (here 2): then the next mailbox in the FIFO has its turn.
        Assert.That(lines.All, Is.EqualTo(new[] { "fwd:1", "fwd:2", "sink@1000:10", "sink@1000:20", "fwd:3", "sink@1000:30" }));
        Assert.That(h.Loop.IsRunning, Is.False);
        Assert.That(loopThread, Is.EqualTo(Environment.CurrentManagedThreadId));
    }

    [Test]
    public void Timers_and_feeds_merge_by_time_then_lane_then_sequence()
    {
        using var h = LoopHarness.Virtual(0);
        var lines = new Lines();
        var probe = h.Spawn(() => new ProbeActor(lines, "p", h.Clock), "p");
        h.Loop.AddSource(new ListSource(DeliveryLane.ExchangeData(0), lines, h.Clock, (10, 1), (20, 2), (30, 3)));
        h.Loop.AddSource(new ListSource(DeliveryLane.LocalData(0), lines, h.Clock, (20, 100), (25, 101)));
        h.Loop.ScheduleTellAt(20, DeliveryLane.Timer, probe, "timer");
        h.Loop.ScheduleTellAt(20, DeliveryLane.ExchangeOrder(0), probe, "exch-order");
        h.Loop.ScheduleTellAt(20, DeliveryLane.LocalOrder(0), probe, "local-order");
        h.Loop.Run();
        Assert.That(lines.All, Is.EqualTo(new[]
        {
            "p@10:1", "p@20:100", "p@20:local-order", "p@20:2", "p@20:exch-order", "p@20:timer", "p@25:101", "p@30:3",
        }));
    }

    [Test]
    public void Two_instruments_tie_break_in_configuration_order()
    {
        using var h = LoopHarness.Virtual(0);
        var lines = new Lines();
        h.Loop.AddSource(new ListSource(DeliveryLane.LocalData(1), lines, h.Clock, (5, 11)));
        h.Loop.AddSource(new ListSource(DeliveryLane.ExchangeData(0), lines, h.Clock, (5, 2)));
        h.Loop.AddSource(new ListSource(DeliveryLane.LocalData(0), lines, h.Clock, (5, 1)));
        h.Loop.Run();
        Assert.That(lines.All, Is.EqualTo(new[] { "p@5:1", "p@5:2", "p@5:11" }));
    }

    [Test]
    public void The_clock_is_at_the_first_item_before_actors_start_so_their_timers_count_from_there()
    {
        using var h = LoopHarness.Virtual(0);
        var lines = new Lines();
        h.Loop.AddSource(new ListSource(DeliveryLane.LocalData(0), lines, h.Clock, (1_000_000_000, 1), (1_300_000_000, 2)));
        h.Loop.Open();
        var probe = h.Spawn(() => new ProbeActor(lines, "p", h.Clock), "p");
        h.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), probe, "after-100ms", ActorRefs.NoSender);
        h.Loop.Run();
        Assert.That(lines.All, Is.EqualTo(new[] { "p@1000000000:1", "p@1100000000:after-100ms", "p@1300000000:2" }));
    }

    [Test]
    public void A_virtual_run_ends_with_its_data_even_if_a_repeating_timer_is_left()
    {
        using var h = LoopHarness.Virtual(0);
        var lines = new Lines();
        var probe = h.Spawn(() => new ProbeActor(lines, "p", h.Clock), "p");
        h.Loop.AddSource(new ListSource(DeliveryLane.LocalData(0), lines, h.Clock, (0, 1), (250, 2)));
        h.System.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromTicks(1), TimeSpan.FromTicks(1), probe, "tick", ActorRefs.NoSender); // every 100 ns
        h.Loop.Run();
        Assert.That(lines.All.Count(l => l.EndsWith(":tick", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(lines.All.Last(), Is.EqualTo("p@250:2"));
    }

    [Test]
    public void A_cancelled_one_off_timer_neither_fires_nor_stretches_the_end_of_the_run()
    {
        using var h = LoopHarness.Virtual(0);
        var lines = new Lines();
        var probe = h.Spawn(() => new ProbeActor(lines, "p", h.Clock), "p");
        h.Loop.AddSource(new ListSource(DeliveryLane.LocalData(0), lines, h.Clock, (0, 1), (500, 2)));
        var cancelled = h.System.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(10), probe, "never", ActorRefs.NoSender);
        h.System.Scheduler.ScheduleTellOnce(TimeSpan.FromTicks(3), probe, "yes", ActorRefs.NoSender);
        cancelled.Cancel();
        h.Loop.Run();
        Assert.That(lines.All, Is.EqualTo(new[] { "p@0:1", "p@300:yes", "p@500:2" }));
        Assert.That(h.Clock.Now, Is.EqualTo(500), "the run ended with its data, not at the cancelled timer's time");
    }

    [Test]
    public void Run_until_stops_at_the_given_time_and_a_later_run_goes_on()
    {
        using var h = LoopHarness.Virtual(0);
        var lines = new Lines();
        var probe = h.Spawn(() => new ProbeActor(lines, "p", h.Clock), "p");
        h.Loop.ScheduleTellAt(10, DeliveryLane.Timer, probe, "a");
        h.Loop.ScheduleTellAt(20, DeliveryLane.Timer, probe, "b");
        h.Loop.Run(until: 15);
        Assert.That(lines.All, Is.EqualTo(new[] { "p@10:a" }));
        h.Loop.Run();
        Assert.That(lines.All, Is.EqualTo(new[] { "p@10:a", "p@20:b" }));
        Assert.That(h.Clock.Now, Is.EqualTo(20));
    }

    [Test]
    public void Repeating_timers_sit_on_a_fixed_grid_of_virtual_time_until_cancelled()
    {
        using var h = LoopHarness.Virtual(0);
        var lines = new Lines();
        var p = h.Spawn(() => new ProbeActor(lines, "p", h.Clock), "p");
        var timer = h.System.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), p, "tick", ActorRefs.NoSender);
        h.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(350), p, "stop-marker", ActorRefs.NoSender);
        h.Loop.Run(until: 350_000_000);
        timer.Cancel();
        h.System.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), p, "after", ActorRefs.NoSender);
        h.Loop.Run();
        Assert.That(lines.All, Is.EqualTo(new[]
        {
            "p@10000000:tick", "p@110000000:tick", "p@210000000:tick", "p@310000000:tick", "p@350000000:stop-marker", "p@1350000000:after",
        }));
    }

    [Test]
    public void Loops_of_one_dispatcher_id_take_it_over_one_after_another_never_two_at_once()
    {
        var id = "test-worker-" + Guid.NewGuid().ToString("N");
        var lines = new Lines();
        var first = new LoopHarness(new VirtualClock(0), new CoreLoopOptions(DispatcherId: id));
        var a = first.Spawn(() => new ProbeActor(lines, "a", first.Clock), "a");
        a.Tell("one");
        first.Loop.Run();

        var second = new CoreLoop(new VirtualClock(0), new CoreLoopOptions(DispatcherId: id));
        Assert.That(() => second.AttachTo(first.System), Throws.InvalidOperationException.With.Message.Contains("has not closed"));
        var otherThroughput = new CoreLoop(new VirtualClock(0), new CoreLoopOptions(Throughput: 5, DispatcherId: id));

        first.Dispose();
        first.Loop.Run();
        first.Loop.Close();
        var dispatcher = (LoopDispatcher)first.System.Dispatchers.Lookup(id);
        Assert.That(dispatcher.Loop, Is.Null, "a closed loop lets go of its dispatcher");
        Assert.That(() => otherThroughput.AttachTo(first.System), Throws.InvalidOperationException.With.Message.Contains("throughput"));

        using var next = new LoopHarness(new VirtualClock(5), new CoreLoopOptions(DispatcherId: id));
        Assert.That(next.System.Dispatchers.Lookup(id), Is.SameAs(dispatcher));
        Assert.That(dispatcher.Loop, Is.SameAs(next.Loop));
        var b = next.Spawn(() => new ProbeActor(lines, "b", next.Clock), "b");
        b.Tell("two");
        next.Loop.Run();
        Assert.That(lines.All, Is.EqualTo(new[] { "a@0:one", "b@5:two" }));
    }
}
