using Akka.Actor;
using Hft.Core.Runtime;
using Hft.Engine.Sweeps.Cluster;
using Hft.Engine.Tests.Runtime;

namespace Hft.Engine.Tests.Sweeps;

/// <summary>The coordinator's pull model: runs handed out in grid order, a lost node's runs handed out again, first rows kept.</summary>
public sealed class SweepCoordinatorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private sealed class Coordinator
    {
        public Coordinator(int runs)
        {
            Kit = new NUnitTestKit(TestActorSystems.Shared);
            Ref = Kit.Sys.ActorOf(new ActorFactory().Props(() => new SweepCoordinator(new SweepSpec("sw", "c", "d", "e", [], null, runs), Tally, Finished,
                r => Rows.Add(r.Index), (r, _) => Refusals.Add(r.Reason))));
        }

        public NUnitTestKit Kit { get; }
        public IActorRef Ref { get; }
        public SweepTally Tally { get; } = new();
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<int> Rows { get; } = new();
        public List<string> Refusals { get; } = new();

        public int Take(Akka.TestKit.TestProbe worker)
        {
            Ref.Tell(new JobRequest("sw"), worker.Ref);
            return worker.ExpectMsg<JobOffer>(Wait).Index;
        }

        public void Report(int index) => Ref.Tell(new JobResult("sw", index, ["pnl"], [index.ToString(System.Globalization.CultureInfo.InvariantCulture)], null));
    }

    [Test]
    public void Runs_go_out_in_grid_order_and_the_sweep_ends_when_each_has_its_row()
    {
        var c = new Coordinator(3);
        var a = c.Kit.CreateTestProbe();
        var b = c.Kit.CreateTestProbe();
        c.Ref.Tell(new SweepSpecRequest(), a.Ref);
        Assert.That(a.ExpectMsg<SweepSpec>(Wait).Runs, Is.EqualTo(3));
        Assert.That(new[] { c.Take(a), c.Take(b), c.Take(a) }, Is.EqualTo(new[] { 0, 1, 2 }));
        // Nothing left to hand out but rows still to come: the next asker waits instead of being told to stop.
        c.Ref.Tell(new JobRequest("sw"), b.Ref);
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        c.Report(1);
        c.Report(0);
        Assert.That(c.Finished.Task.IsCompleted, Is.False);
        c.Report(2);
        Assert.That(b.ExpectMsg<SweepFinished>(Wait).SweepId, Is.EqualTo("sw"));
        Assert.That(c.Finished.Task.Wait(Wait), Is.True);
        Assert.That(c.Rows, Is.EqualTo(new[] { 1, 0, 2 }));
        c.Ref.Tell(new JobRequest("sw"), a.Ref);
        a.ExpectMsg<SweepFinished>(Wait);
    }

    [Test]
    public void A_lost_nodes_runs_go_to_the_next_asker_and_a_late_second_row_is_dropped()
    {
        var c = new Coordinator(3);
        var worker = c.Kit.CreateTestProbe();
        Assert.That(new[] { c.Take(worker), c.Take(worker) }, Is.EqualTo(new[] { 0, 1 }));
        c.Report(1);
        // The probes live on this node, so losing this node's address loses what they hold: run 0.
        c.Ref.Tell(new NodeLost(worker.Ref.Path.Address));
        var other = c.Kit.CreateTestProbe();
        Assert.That(c.Take(other), Is.EqualTo(0), "the lost run comes first, before the rest of the grid");
        Assert.That(c.Take(other), Is.EqualTo(2));
        c.Report(0);
        c.Report(0);
        c.Report(2);
        Assert.That(c.Finished.Task.Wait(Wait), Is.True);
        Assert.That((c.Tally.Done, c.Tally.Reissued, c.Tally.Duplicates), Is.EqualTo((3, 1, 1)));
        Assert.That(c.Rows, Is.EqualTo(new[] { 1, 0, 2 }));
    }

    [Test]
    public void A_waiting_asker_gets_the_run_of_a_node_lost_later()
    {
        var c = new Coordinator(1);
        var first = c.Kit.CreateTestProbe();
        Assert.That(c.Take(first), Is.EqualTo(0));
        var waiting = c.Kit.CreateTestProbe();
        c.Ref.Tell(new JobRequest("sw"), waiting.Ref);
        waiting.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        // Losing the node drops its waiting askers too (they were on it); a new asker from elsewhere gets the run.
        c.Ref.Tell(new NodeLost(new Address("akka.tcp", "hft", "10.0.0.9", 1)));
        waiting.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        c.Ref.Tell(new NodeLost(first.Ref.Path.Address));
        var next = c.Kit.CreateTestProbe();
        Assert.That(c.Take(next), Is.EqualTo(0));
        Assert.That(c.Tally.Reissued, Is.EqualTo(1));
    }

    [Test]
    public void Messages_of_another_sweep_and_refusals_are_told_apart()
    {
        var c = new Coordinator(1);
        var worker = c.Kit.CreateTestProbe();
        c.Ref.Tell(new JobRequest("another-sweep"), worker.Ref);
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        c.Ref.Tell(new WorkerRefused("sw", "its event files differ"), worker.Ref);
        c.Ref.Tell(new JobResult("sw", 5, [], [], null));
        Assert.That(c.Take(worker), Is.EqualTo(0));
        c.Report(0);
        Assert.That(c.Finished.Task.Wait(Wait), Is.True);
        Assert.That((c.Refusals.Single(), c.Tally.Refused, c.Tally.Done), Is.EqualTo(("its event files differ", 1, 1)));
    }
}
