using Akka.Actor;
using Hft.Core.Runtime;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Runtime;

/// <summary>Lines written by actors and sources, for assertions after the loop has run.</summary>
internal sealed class Lines
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_lines) return _lines.ToArray();
        }
    }

    public void Add(string line)
    {
        lock (_lines) _lines.Add(line);
    }
}

/// <summary>A core loop on its own clock, attached to the shared test system, with helpers to put actors on it.</summary>
internal sealed class LoopHarness : IDisposable
{
    private readonly ActorFactory _props = new();
    private readonly List<IActorRef> _actors = new();

    public LoopHarness(IClock clock, CoreLoopOptions? options = null)
    {
        Clock = clock;
        Loop = new CoreLoop(clock, options);
        Loop.AttachTo(System);
    }

    public static LoopHarness Virtual(long start) => new(new VirtualClock(start));

    public ActorSystem System => TestActorSystems.Shared;

    public IClock Clock { get; }

    public CoreLoop Loop { get; }

    /// <summary>Creates a top-level actor on the loop; it starts when the loop next runs.</summary>
    public IActorRef Spawn<TActor>(Func<TActor> make, string name) where TActor : ActorBase
    {
        var actor = System.ActorOf(Loop.On(_props.Props(make)), name + "-" + Guid.NewGuid().ToString("N")[..8]);
        _actors.Add(actor);
        // A top-level actor is made by the guardian on the thread pool; wait until it runs on the loop.
        Loop.RunUntil(() => actor is ActorRefWithCell { Underlying: ActorCell }, TimeSpan.FromSeconds(10));
        return actor;
    }

    public void Dispose()
    {
        foreach (var a in _actors) System.Stop(a);
        _props.Forget();
    }
}

/// <summary>Records every message with the loop's time: "name@time:message".</summary>
internal sealed class ProbeActor : ReceiveActor
{
    public ProbeActor(Lines lines, string name, IClock clock) => ReceiveAny(m => lines.Add($"{name}@{clock.Now}:{m}"));
}

/// <summary>A sorted list of (time, value) items that writes each value when the loop delivers it.</summary>
internal sealed class ListSource : TimedSource
{
    private readonly (long Time, int Value)[] _items;
    private readonly Lines _lines;
    private readonly IClock _clock;
    private int _next;

    public ListSource(int lane, Lines lines, IClock clock, params (long, int)[] items) : base(lane)
    {
        _items = items;
        _lines = lines;
        _clock = clock;
    }

    public override void Open() => NextTime = _items.Length > 0 ? _items[0].Time : long.MaxValue;

    public override void DeliverNext()
    {
        _lines.Add($"p@{_clock.Now}:{_items[_next].Value}");
        _next++;
        NextTime = _next < _items.Length ? _items[_next].Time : long.MaxValue;
    }
}
