using System.Diagnostics;
using Akka.Actor;
using Hft.Core.Runtime;
using Hft.Core.Time;

namespace Hft.Engine.Cli;

/// <summary>
/// The live-mode figure of <c>bench</c>: a message from another thread into an actor on a real-clock core loop and
/// its answer back, as a socket reader's hand-over and an order's way out would go. The loop spins before it blocks.
/// </summary>
internal static class LoopRoundTrip
{
    /// <summary>Measures <paramref name="count"/> round trips (after a warm-up); returns p50 and p99 in microseconds.</summary>
    public static (double P50, double P99) Measure(ActorSystem system, int count)
    {
        var loop = new CoreLoop(new RealClock(), new CoreLoopOptions(SpinBeforeWait: TimeSpan.FromMilliseconds(50)));
        loop.AttachTo(system);
        var props = new ActorFactory();
        var echo = system.ActorOf(loop.On(props.Props(() => new Echo())), "bench-echo-" + Guid.NewGuid().ToString("N")[..8]);
        var reply = new SpinReply((ExtendedActorSystem)system);
        var thread = new Thread(() => loop.Run()) { IsBackground = true, Name = "core loop (bench)" };
        try
        {
            // The guardian starts a top-level actor on the thread pool; the loop runs it once it is made.
            loop.RunUntil(() => echo is ActorRefWithCell { Underlying: ActorCell }, TimeSpan.FromSeconds(10));
            thread.Start();
            var samples = new long[count];
            for (int i = -count / 10; i < count; i++)
            {
                long sent = Stopwatch.GetTimestamp();
                long seq = i + 1_000_000;
                echo.Tell(seq, reply);
                reply.Await(seq);
                if (i >= 0) samples[i] = Stopwatch.GetTimestamp() - sent;
            }
            Array.Sort(samples);
            double us = 1e6 / Stopwatch.Frequency;
            return (samples[count / 2] * us, samples[Math.Min(count - 1, (int)(count * 0.99))] * us);
        }
        finally
        {
            loop.RequestStop();
            thread.Join(TimeSpan.FromSeconds(10));
            system.Stop(echo);
            props.Forget();
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<long>(seq => Sender.Tell(seq, Self));
    }

    /// <summary>An actor reference whose Tell just stores the number, so the measuring thread can spin on it.</summary>
    private sealed class SpinReply(ExtendedActorSystem system) : MinimalActorRef
    {
        private long _last;

        public override ActorPath Path { get; } = system.Guardian.Path / ("bench-reply-" + Guid.NewGuid().ToString("N")[..8]);

        public override IActorRefProvider Provider => system.Provider;

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (message is long seq) Volatile.Write(ref _last, seq);
        }

        public void Await(long seq)
        {
            var spinner = new SpinWait();
            while (Volatile.Read(ref _last) != seq) spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
