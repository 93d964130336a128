using Hft.Core.Actors;
using Hft.Core.Actors.Supervision;

namespace Hft.Engine.Tests.Actors;

public sealed class SupervisionTests
{
    private static IActorRef Parent(ActorSystem system, SupervisorStrategy strategy, string name = "parent") =>
        system.ActorOf(Props.Create(() => new GroupActor()).WithSupervisorStrategy(strategy), name);

    [Test]
    public void Resume_keeps_the_instance_and_its_state()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var parent = Parent(system, new OneForOneStrategy(SupervisorStrategy.Always(Directive.Resume)));
        var child = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "c")), "c");
        child.Tell("a");
        child.Tell("boom");
        child.Tell("b");
        child.Tell("get");
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "c:PreStart", "c:count=2" }));
    }

    [Test]
    public void Restart_makes_a_fresh_instance_with_the_same_ref_and_keeps_pending_messages()
    {
        using var system = TestSystems.Virtual(out var log);
        var rec = new Recorder();
        var parent = Parent(system, new OneForOneStrategy(SupervisorStrategy.Always(Directive.Restart)));
        var child = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "c")), "c");
        child.Tell("a");
        child.Tell("boom");
        child.Tell("b");   // already in the mailbox when the failure happens
        child.Tell("get");
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[]
        {
            "c:PreStart", "c:PreRestart(boom,boom)", "c:PostStop", "c:PostRestart", "c:PreStart", "c:count=1",
        }));
        Assert.That(system.DeadLetters.Count, Is.Zero);
        Assert.That(log.Lines.Any(l => l.StartsWith("ERR /user/parent/c failed while processing String", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Stop_ends_the_actor_and_later_messages_become_dead_letters()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var parent = Parent(system, new OneForOneStrategy(SupervisorStrategy.Always(Directive.Stop)));
        var child = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "c")), "c");
        child.Tell("boom");
        child.Tell("a");
        child.Tell("get");
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "c:PreStart", "c:PostStop" }));
        Assert.That(system.DeadLetters.Count, Is.EqualTo(2));
        Assert.That(system.DeadLetters.Last!.Message, Is.EqualTo("get"));
    }

    [Test]
    public void Escalate_lets_the_grandparent_decide_for_the_parent()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var grand = Parent(system, new OneForOneStrategy(SupervisorStrategy.Always(Directive.Stop)), "grand");
        var parent = system.ActorOf(grand, Props.Create(() => new CountingActor(rec, "p"))
            .WithSupervisorStrategy(new OneForOneStrategy(SupervisorStrategy.Always(Directive.Escalate))), "p");
        var child = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "c")), "c");
        child.Tell("boom");
        child.Tell("a");
        parent.Tell("get");
        system.Run();
        // The grandparent stops the parent, which stops its child first.
        Assert.That(rec.Lines, Is.EqualTo(new[] { "p:PreStart", "c:PreStart", "c:PostStop", "p:PostStop" }));
        Assert.That(system.DeadLetters.Count, Is.EqualTo(2));
    }

    [Test]
    public void AllForOne_restarts_every_sibling()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var parent = Parent(system, new AllForOneStrategy(SupervisorStrategy.Always(Directive.Restart)));
        var a = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "a")), "a");
        var b = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "b")), "b");
        b.Tell(5);
        a.Tell("boom");
        b.Tell("get");
        system.Run();
        Assert.That(rec.Lines, Does.Contain("b:PostRestart"));
        Assert.That(rec.Lines, Does.Contain("a:PostRestart"));
        Assert.That(rec.Lines.Last(), Is.EqualTo("b:count=0"), "the sibling's state was reset by its restart");
    }

    [Test]
    public void OneForOne_leaves_siblings_alone()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var parent = Parent(system, new OneForOneStrategy(SupervisorStrategy.Always(Directive.Restart)));
        var a = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "a")), "a");
        var b = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "b")), "b");
        b.Tell(5);
        a.Tell("boom");
        b.Tell("get");
        system.Run();
        Assert.That(rec.Lines, Does.Not.Contain("b:PostRestart"));
        Assert.That(rec.Lines.Last(), Is.EqualTo("b:count=5"));
    }

    [Test]
    public void Too_many_restarts_within_the_window_stop_the_child()
    {
        using var system = TestSystems.Virtual(out var log);
        var rec = new Recorder();
        var parent = Parent(system, new OneForOneStrategy(2, TimeSpan.FromMinutes(1), SupervisorStrategy.Always(Directive.Restart)));
        var child = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "c")), "c");
        for (int i = 0; i < 3; i++) child.Tell("boom");
        child.Tell("get");
        system.Run();
        Assert.That(rec.Lines.Count(l => l == "c:PostRestart"), Is.EqualTo(2));
        Assert.That(rec.Lines.Last(), Is.EqualTo("c:PostStop"));
        Assert.That(system.DeadLetters.Count, Is.EqualTo(1));
        Assert.That(log.Lines.Any(l => l.Contains("failed more than 2 times", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Restarts_outside_the_window_do_not_accumulate()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var parent = Parent(system, new OneForOneStrategy(1, TimeSpan.FromSeconds(1), SupervisorStrategy.Always(Directive.Restart)));
        var child = system.ActorOf(parent, Props.Create(() => new CountingActor(rec, "c")), "c");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(0), child, "boom");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(5), child, "boom");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), child, "get");
        system.Run();
        Assert.That(rec.Lines.Count(l => l == "c:PostRestart"), Is.EqualTo(2));
        Assert.That(rec.Lines.Last(), Is.EqualTo("c:count=0"));
    }

    [Test]
    public void A_failure_escalated_past_the_guardian_stops_the_loop_and_is_reported()
    {
        var log = new CapturingLog();
        using var system = new ActorSystem("t", new Hft.Core.Time.VirtualClock(), log,
            new OneForOneStrategy(SupervisorStrategy.Always(Directive.Escalate)));
        var rec = new Recorder();
        var c = system.ActorOf(Props.Create(() => new CountingActor(rec, "c")), "c");
        c.Tell("boom");
        system.Run();
        Assert.That(system.Failure, Is.TypeOf<InvalidOperationException>());
    }
}
