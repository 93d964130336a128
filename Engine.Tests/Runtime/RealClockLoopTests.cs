using System.Diagnostics;
using Akka.Actor;
using Hft.Core.Runtime;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Runtime;

public sealed class RealClockLoopTests
{
    /// <summary>Records "message@time" and stops the loop after a number of messages.</summary>
    private sealed class Stopper : ReceiveActor
    {
        public Stopper(Lines lines, IClock clock, CoreLoop loop, int stopAfter)
        {
            int seen = 0;
            ReceiveAny(m =>
            {
                lines.Add($"{m}@{clock.Now}");
                if (++seen == stopAfter) loop.RequestStop();
            });
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo(Lines lines) => Receive<string>(m =>
        {
            lines.Add($"{m} on thread {Environment.CurrentManagedThreadId}");
            Sender.Tell("echo:" + m);
        });
    }

    private static Thread RunOnThread(CoreLoop loop, Lines lines)
    {
        var thread = new Thread(() =>
        {
            lines.Add($"loop thread {Environment.CurrentManagedThreadId}");
            loop.Run();
        }) { IsBackground = true };
        thread.Start();
        return thread;
    }

    [Test]
    public void Timers_are_delivered_no_earlier_than_due_in_order_and_a_cancelled_one_never()
    {
        var clock = new RealClock();
        using var h = new LoopHarness(clock);
        var lines = new Lines();
        var p = h.Spawn(() => new Stopper(lines, clock, h.Loop, 2), "p");
        long start = clock.Now;
        h.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(60), p, "second", ActorRefs.NoSender);
        h.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(20), p, "first", ActorRefs.NoSender);
        h.System.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(40), p, "cancelled", ActorRefs.NoSender).Cancel();
        var watch = Stopwatch.StartNew();
        var thread = RunOnThread(h.Loop, new Lines());
        Assert.That(thread.Join(TimeSpan.FromSeconds(20)), Is.True, "the loop stopped after two deliveries");
        var got = lines.All;
        Assert.That(got.Select(l => l[..l.IndexOf('@')]), Is.EqualTo(new[] { "first", "second" }));
        long firstAt = long.Parse(got[0][(got[0].IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        long secondAt = long.Parse(got[1][(got[1].IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(firstAt - start, Is.GreaterThanOrEqualTo(20_000_000));
        Assert.That(secondAt - start, Is.GreaterThanOrEqualTo(60_000_000));
        Assert.That(watch.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(55));
    }

    [Test]
    public void A_repeating_timer_ticks_on_a_fixed_grid_until_the_loop_stops()
    {
        var clock = new RealClock();
        using var h = new LoopHarness(clock);
        var lines = new Lines();
        var p = h.Spawn(() => new Stopper(lines, clock, h.Loop, 3), "p");
        long start = clock.Now;
        h.System.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), p, "tick", ActorRefs.NoSender);
        var thread = RunOnThread(h.Loop, new Lines());
        Assert.That(thread.Join(TimeSpan.FromSeconds(20)), Is.True);
        var times = lines.All.Select(l => long.Parse(l[(l.IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(times, Has.Length.EqualTo(3));
        Assert.That(times, Is.Ordered);
        // Ticks sit on a fixed grid (start + 5 ms × k); after a stall late ticks may come back to back, never early.
        for (int k = 0; k < 3; k++) Assert.That(times[k] - start, Is.GreaterThanOrEqualTo(5_000_000L * (k + 1)), $"tick {k}");
    }

    [TestCase(0)]
    [TestCase(200)]
    public void A_message_from_another_thread_reaches_a_loop_actor_on_the_loop_thread_and_its_answer_comes_back(int spinMicroseconds)
    {
        var clock = new RealClock();
        using var h = new LoopHarness(clock, new CoreLoopOptions(SpinBeforeWait: TimeSpan.FromTicks(spinMicroseconds * 10)));
        var lines = new Lines();
        var echo = h.Spawn(() => new Echo(lines), "echo");
        var threadLines = new Lines();
        var thread = RunOnThread(h.Loop, threadLines);
        try
        {
            var kit = new NUnitTestKit(h.System);
            var probe = kit.CreateTestProbe();
            for (int i = 0; i < 50; i++)
            {
                echo.Tell("ping" + i, probe.Ref);
                probe.ExpectMsg("echo:ping" + i, TimeSpan.FromSeconds(5));
            }
            string loopThread = threadLines.All.Single()["loop thread ".Length..];
            Assert.That(lines.All, Has.Count.EqualTo(50));
            Assert.That(lines.All, Has.All.EndsWith($"on thread {loopThread}"));
        }
        finally
        {
            h.Loop.RequestStop();
            Assert.That(thread.Join(TimeSpan.FromSeconds(20)), Is.True);
        }
    }

    [Test]
    public void A_timer_for_an_actor_off_the_loop_runs_on_the_wall_clock_while_virtual_time_stands_still()
    {
        using var h = LoopHarness.Virtual(0);
        var kit = new NUnitTestKit(h.System);
        var probe = kit.CreateTestProbe();
        var watch = Stopwatch.StartNew();
        h.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), probe.Ref, "wall", ActorRefs.NoSender);
        probe.ExpectMsg("wall", TimeSpan.FromSeconds(10));
        Assert.That(watch.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(45));
        Assert.That(LoopScheduler.LoopOf(probe.Ref), Is.Null);
        Assert.That(h.Clock.Now, Is.Zero);
    }
}
