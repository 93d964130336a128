using Hft.Core.Actors;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Actors;

/// <summary>Records what actors report, for assertions after the loop has run.</summary>
internal sealed class Recorder
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
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

/// <summary>A kernel log that keeps its lines, so tests can check what was reported.</summary>
internal sealed class CapturingLog : IKernelLog
{
    public List<string> Lines { get; } = new();
    public void Info(string message) { lock (Lines) Lines.Add("INF " + message); }
    public void Warning(string message) { lock (Lines) Lines.Add("WRN " + message); }
    public void Error(Exception? exception, string message) { lock (Lines) Lines.Add("ERR " + message + (exception is null ? "" : ": " + exception.Message)); }
}

internal static class TestSystems
{
    public static ActorSystem Virtual(out CapturingLog log, long start = 1_000)
    {
        log = new CapturingLog();
        return new ActorSystem("test", new VirtualClock(start), log);
    }
}

/// <summary>An actor that records every message it gets, with the virtual time.</summary>
internal sealed class ProbeActor : ActorBase
{
    public ProbeActor(Recorder recorder, string name)
    {
        ReceiveAny(m => recorder.Add($"{name}@{Context.Now}:{m}"));
    }
}

/// <summary>Counts messages in its state; throws on "boom"; reports its state on "get".</summary>
internal sealed class CountingActor : ActorBase
{
    private int _count;

    public CountingActor(Recorder recorder, string name)
    {
        Receive<string>(m =>
        {
            if (m == "boom") throw new InvalidOperationException("boom");
            if (m == "get")
            {
                recorder.Add($"{name}:count={_count}");
                return;
            }
            _count++;
        });
        Receive<int>(n => _count += n);
        _name = name;
        _recorder = recorder;
    }

    private readonly string _name;
    private readonly Recorder _recorder;

    protected override void PreStart() => _recorder.Add($"{_name}:PreStart");
    protected override void PostStop() => _recorder.Add($"{_name}:PostStop");
    protected override void PreRestart(Exception reason, object? message)
    {
        _recorder.Add($"{_name}:PreRestart({reason.Message},{message})");
        base.PreRestart(reason, message);
    }
    protected override void PostRestart(Exception reason)
    {
        _recorder.Add($"{_name}:PostRestart");
        base.PostRestart(reason);
    }
}
