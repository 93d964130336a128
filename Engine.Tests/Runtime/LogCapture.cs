using Akka.Actor;
using Akka.Event;
using Akka.TestKit;

namespace Hft.Engine.Tests.Runtime;

/// <summary>Collects the errors and warnings an actor system logs while a test runs.</summary>
internal sealed class LogCapture : IDisposable
{
    private readonly ActorSystem _system;
    private readonly TestProbe _probe;

    public LogCapture(ActorSystem system)
    {
        _system = system;
        _probe = new NUnitTestKit(system).CreateTestProbe();
        system.EventStream.Subscribe(_probe.Ref, typeof(Error));
        system.EventStream.Subscribe(_probe.Ref, typeof(Warning));
    }

    /// <summary>The lines logged so far, as "ERR source: message" or "WRN source: message".</summary>
    public IReadOnlyList<string> Lines()
    {
        var events = _probe.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m as LogEvent, msgs: int.MaxValue).OfType<LogEvent>();
        return events.Select(e => $"{(e is Error ? "ERR" : "WRN")} {e.LogSource}: {e.Message}").ToList();
    }

    public void Dispose() => _system.EventStream.Unsubscribe(_probe.Ref);
}
