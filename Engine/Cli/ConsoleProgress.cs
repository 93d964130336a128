using System.Diagnostics;

namespace Hft.Engine.Cli;

/// <summary>A one-line progress indicator on standard error, shown only when it is a terminal.</summary>
internal sealed class ConsoleProgress(string label, long total) : IProgress<long>
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private long _lastShown = -1;

    public void Report(long value)
    {
        if (!_enabled || total <= 0) return;
        long percent = value * 100 / total;
        if (percent == _lastShown) return;
        _lastShown = percent;
        Console.Error.Write($"\r{label}: {percent,3}% ({value:N0}/{total:N0}) {_watch.Elapsed.TotalSeconds:F1}s");
    }

    public void Done()
    {
        if (_enabled && _lastShown >= 0) Console.Error.WriteLine();
    }
}
