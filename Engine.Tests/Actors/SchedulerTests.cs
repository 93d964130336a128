using System.Diagnostics;
using Hft.Core.Actors;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Actors;

public sealed class SchedulerTests
{
    private sealed class Stopper : ActorBase
    {
        public Stopper(Recorder rec, ActorSystem system, int stopAfter)
        {
            int seen = 0;
            ReceiveAny(m =>
            {
                rec.Add($"{m}@{Context.Now}");
                if (++seen == stopAfter) system.CoreLoop.RequestStop();
            });
        }
    }

    [Test]
    public void Virtual_clock_once_fires_exactly_at_the_delay()
    {
        using var system = TestSystems.Virtual(out _, start: 1_000_000);
        var rec = new Recorder();
        var p = system.ActorOf(Props.Create(() => new ProbeActor(rec, "p")), "p");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(5), p, "late");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1), p, "early");
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "p@2000000:early", "p@6000000:late" }));
    }

    [Test]
    public void Virtual_clock_repeats_on_a_fixed_grid_until_cancelled()
    {
        using var system = TestSystems.Virtual(out _, start: 0);
        var rec = new Recorder();
        var p = system.ActorOf(Props.Create(() => new ProbeActor(rec, "p")), "p");
        var timer = system.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), p, "tick");
        var stop = system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(350), p, "stop-marker");
        system.Run(until: 350_000_000);
        timer.Cancel();
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), p, "after");
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[]
        {
            "p@10000000:tick", "p@110000000:tick", "p@210000000:tick", "p@310000000:tick", "p@350000000:stop-marker", "p@1350000000:after",
        }));
        Assert.That(timer.IsCancellationRequested, Is.True);
        Assert.That(stop.IsCancellationRequested, Is.False);
    }

    [Test]
    public void Cancelled_once_timer_never_fires()
    {
        using var system = TestSystems.Virtual(out _, start: 0);
        var rec = new Recorder();
        var p = system.ActorOf(Props.Create(() => new ProbeActor(rec, "p")), "p");
        var t = system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(5), p, "never");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(9), p, "yes");
        t.Cancel();
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "p@9000000:yes" }));
    }

    [Test]
    public void Real_clock_delivers_no_earlier_than_due_in_order_and_honours_cancel()
    {
        var clock = new RealClock();
        using var system = new ActorSystem("real", clock, new CapturingLog());
        var rec = new Recorder();
        var p = system.ActorOf(Props.Create(() => new Stopper(rec, system, 2)), "p");
        long start = clock.Now;
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(60), p, "second");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(20), p, "first");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(40), p, "cancelled").Cancel();
        var watch = Stopwatch.StartNew();
        var loop = new Thread(() => system.Run()) { IsBackground = true };
        loop.Start();
        Assert.That(loop.Join(TimeSpan.FromSeconds(20)), Is.True, "the loop stopped after two deliveries");
        var lines = rec.Lines;
        Assert.That(lines.Select(l => l[..l.IndexOf('@')]), Is.EqualTo(new[] { "first", "second" }));
        long firstAt = long.Parse(lines[0][(lines[0].IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        long secondAt = long.Parse(lines[1][(lines[1].IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(firstAt - start, Is.GreaterThanOrEqualTo(20_000_000));
        Assert.That(secondAt - start, Is.GreaterThanOrEqualTo(60_000_000));
        Assert.That(watch.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(55));
    }

    [Test]
    public void Real_clock_repeating_timer_ticks_until_stopped()
    {
        var clock = new RealClock();
        using var system = new ActorSystem("real", clock, new CapturingLog());
        var rec = new Recorder();
        var p = system.ActorOf(Props.Create(() => new Stopper(rec, system, 3)), "p");
        long start = clock.Now;
        system.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), p, "tick");
        var loop = new Thread(() => system.Run()) { IsBackground = true };
        loop.Start();
        Assert.That(loop.Join(TimeSpan.FromSeconds(20)), Is.True);
        var times = rec.Lines.Select(l => long.Parse(l[(l.IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(times, Has.Length.EqualTo(3));
        Assert.That(times, Is.Ordered);
        // Ticks sit on a fixed grid (start + 5 ms × k); after a stall late ticks may come back to back, never early.
        for (int k = 0; k < 3; k++) Assert.That(times[k] - start, Is.GreaterThanOrEqualTo(5_000_000L * (k + 1)), $"tick {k}");
    }
}
