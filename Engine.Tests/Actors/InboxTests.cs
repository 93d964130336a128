using System.Collections.Concurrent;
using Hft.Core.Actors;
using Hft.Core.Actors.Supervision;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Actors;

public sealed class InboxTests
{
    private sealed record Item(int Producer, int Sequence);

    private sealed class Collector : ActorBase
    {
        public Collector(List<Item> items, int expected, ActorSystem system, int[] loopThread)
        {
            Receive<Item>(i =>
            {
                items.Add(i);
                loopThread[0] = Environment.CurrentManagedThreadId;
                if (items.Count == expected) system.CoreLoop.RequestStop();
            });
        }
    }

    [Test]
    public void Messages_from_many_threads_all_arrive_in_per_sender_order_on_the_loop_thread()
    {
        const int producers = 4, perProducer = 5_000;
        using var system = new ActorSystem("inbox", new RealClock(), new CapturingLog());
        var items = new List<Item>();
        var loopThread = new int[1];
        var collector = system.ActorOf(Props.Create(() => new Collector(items, producers * perProducer, system, loopThread)), "c");
        int runThread = 0;
        var loop = new Thread(() =>
        {
            runThread = Environment.CurrentManagedThreadId;
            system.Run();
        }) { IsBackground = true };
        loop.Start();
        using var go = new ManualResetEventSlim(false);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            go.Wait();
            for (int i = 0; i < perProducer; i++) collector.Tell(new Item(p, i));
        })).ToArray();
        foreach (var t in threads) t.Start();
        go.Set();
        foreach (var t in threads) t.Join();
        Assert.That(loop.Join(TimeSpan.FromSeconds(30)), Is.True, "every message reached the collector");
        Assert.That(items, Has.Count.EqualTo(producers * perProducer));
        Assert.That(loopThread[0], Is.EqualTo(runThread));
        for (int p = 0; p < producers; p++)
        {
            var seq = items.Where(i => i.Producer == p).Select(i => i.Sequence).ToArray();
            Assert.That(seq, Is.EqualTo(Enumerable.Range(0, perProducer)), $"producer {p} order");
        }
    }

    private sealed class PoolWorker : ActorBase
    {
        public PoolWorker(IActorRef reportTo, ConcurrentBag<int> threads)
        {
            int count = 0;
            Receive<string>(m =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                if (m == "boom") throw new IOException("disk gone");
                count++;
                if (m == "report") reportTo.Tell(count);
            });
        }
    }

    private sealed class Reports : ActorBase
    {
        public Reports(List<int> got, ActorSystem system)
        {
            Receive<int>(n =>
            {
                got.Add(n);
                system.CoreLoop.RequestStop();
            });
        }
    }

    [Test]
    public void Thread_pool_actors_run_off_the_loop_are_supervised_and_reply_through_the_inbox()
    {
        using var system = new ActorSystem("pool", new RealClock(), new CapturingLog());
        var got = new List<int>();
        var threads = new ConcurrentBag<int>();
        var reports = system.ActorOf(Props.Create(() => new Reports(got, system)), "reports");
        var parent = system.ActorOf(Props.Create(() => new GroupActor())
            .WithSupervisorStrategy(new OneForOneStrategy(SupervisorStrategy.Always(Directive.Restart))), "io");
        var worker = system.ActorOf(parent, Props.Create(() => new PoolWorker(reports, threads)).WithDispatcher(DispatcherKind.ThreadPool), "worker");
        int loopThread = 0;
        var loop = new Thread(() =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            system.Run();
        }) { IsBackground = true };
        loop.Start();
        worker.Tell("a");
        worker.Tell("b");
        worker.Tell("boom");  // restart: the count starts again
        worker.Tell("c");
        worker.Tell("report");
        Assert.That(loop.Join(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(got, Is.EqualTo(new[] { 2 }), "state was reset by the restart, and messages after the failure were kept");
        Assert.That(threads, Has.None.EqualTo(loopThread));
    }
}
