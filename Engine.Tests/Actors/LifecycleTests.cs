using Hft.Core.Actors;

namespace Hft.Engine.Tests.Actors;

public sealed class LifecycleTests
{
    private sealed class Watcher : ActorBase
    {
        public Watcher(Recorder rec, IActorRef target)
        {
            Receive<Terminated>(t => rec.Add($"terminated:{t.Actor.Path}"));
            _target = target;
        }

        private readonly IActorRef _target;
        protected override void PreStart() => Context.Watch(_target);
    }

    private sealed class Switcher : ActorBase
    {
        public Switcher(Recorder rec)
        {
            Receive<string>(m =>
            {
                rec.Add("normal:" + m);
                if (m == "angry") BecomeStacked(() => Receive<string>(x =>
                {
                    rec.Add("angry:" + x);
                    if (x == "calm") UnbecomeStacked();
                }));
            });
        }
    }

    private sealed class Spawner : ActorBase
    {
        public Spawner(Recorder rec)
        {
            Receive<string>(name =>
            {
                if (name == "list")
                {
                    rec.Add("children:" + string.Join(",", Context.Children.Select(c => c.Path.Name)));
                    return;
                }
                if (name.StartsWith("stop:", StringComparison.Ordinal))
                {
                    Context.Stop(Context.Child(name[5..])!);
                    return;
                }
                Context.ActorOf(Props.Create(() => new CountingActor(rec, name)), name);
            });
        }
    }

    [Test]
    public void Watchers_get_Terminated_when_the_watched_actor_stops()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var target = system.ActorOf(Props.Create(() => new CountingActor(rec, "t")), "t");
        system.ActorOf(Props.Create(() => new Watcher(rec, target)), "w");
        system.Run();
        system.Stop(target);
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "t:PreStart", "t:PostStop", "terminated:/user/t" }));
    }

    [Test]
    public void Watching_an_actor_that_already_stopped_still_tells_Terminated()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var target = system.ActorOf(Props.Create(() => new CountingActor(rec, "t")), "t");
        system.Run();
        system.Stop(target);
        system.ActorOf(Props.Create(() => new Watcher(rec, target)), "w");
        system.Run();
        Assert.That(rec.Lines.Last(), Is.EqualTo("terminated:/user/t"));
    }

    [Test]
    public void BecomeStacked_and_Unbecome_switch_handlers()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var a = system.ActorOf(Props.Create(() => new Switcher(rec)), "s");
        foreach (var m in new[] { "x", "angry", "y", "calm", "z" }) a.Tell(m);
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "normal:x", "normal:angry", "angry:y", "angry:calm", "normal:z" }));
    }

    [Test]
    public void Children_are_created_listed_and_stopped_with_their_parent()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var s = system.ActorOf(Props.Create(() => new Spawner(rec)), "s");
        s.Tell("a");
        s.Tell("b");
        system.Run(); // children start asynchronously, after the messages already queued
        s.Tell("list");
        s.Tell("stop:a");
        s.Tell("list");
        system.Run();
        system.Stop(s);
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[]
        {
            "a:PreStart", "b:PreStart", "children:a,b", "a:PostStop", "children:b", "b:PostStop",
        }));
    }

    [Test]
    public void Duplicate_child_names_are_refused()
    {
        using var system = TestSystems.Virtual(out _);
        system.ActorOf(Props.Create(() => new GroupActor()), "x");
        Assert.That(() => system.ActorOf(Props.Create(() => new GroupActor()), "x"),
            Throws.InvalidOperationException.With.Message.Contains("already has a child named 'x'"));
    }

    [Test]
    public void PoisonPill_stops_after_the_messages_sent_before_it()
    {
        using var system = TestSystems.Virtual(out _);
        var rec = new Recorder();
        var a = system.ActorOf(Props.Create(() => new CountingActor(rec, "a")), "a");
        a.Tell("x");
        a.Tell("get");
        a.Tell(PoisonPill.Instance);
        a.Tell("get");
        system.Run();
        Assert.That(rec.Lines, Is.EqualTo(new[] { "a:PreStart", "a:count=1", "a:PostStop" }));
        Assert.That(system.DeadLetters.Count, Is.EqualTo(1));
    }

    [Test]
    public void A_throwing_constructor_stops_the_actor_and_is_logged()
    {
        using var system = TestSystems.Virtual(out var log);
        var a = system.ActorOf(Props.Create(() => throw new InvalidOperationException("ctor failed")), "bad");
        a.Tell("hello");
        system.Run();
        Assert.That(system.DeadLetters.Count, Is.EqualTo(1));
        Assert.That(log.Lines.Any(l => l.Contains("/user/bad could not be created", StringComparison.Ordinal) && l.Contains("ctor failed", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Unhandled_messages_are_logged_not_lost_silently()
    {
        using var system = TestSystems.Virtual(out var log);
        var rec = new Recorder();
        var a = system.ActorOf(Props.Create(() => new CountingActor(rec, "a")), "a");
        a.Tell(3.5);
        system.Run();
        Assert.That(log.Lines, Has.Some.Contains("/user/a did not handle a Double message"));
    }
}
