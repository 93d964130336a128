using System.Globalization;
using Hft.Core.Health;
using Spectre.Console;

namespace Hft.Engine.Metrics;

/// <summary>
/// A compact status line on standard error, rewritten about once a second (Spectre.Console markup: the health in its
/// colour), shown only when standard error is a terminal: never under a test or with redirected output. The log
/// writes to standard error too; a log line simply pushes the status line down to the next refresh.
/// </summary>
internal sealed class StatusLine : IDisposable
{
    private readonly Func<TimeSpan, SessionSnapshot?> _snapshot;
    private readonly HealthCheck _health;
    private readonly string _mode;
    private readonly IAnsiConsole _console;
    private readonly Timer _timer;
    private readonly object _gate = new();
    private (long Now, long Events, long Messages) _last;
    private bool _shown;
    private bool _disposed;

    private StatusLine(string mode, double staleFeedMs, Func<TimeSpan, SessionSnapshot?> snapshot)
    {
        _mode = mode;
        _snapshot = snapshot;
        _health = new HealthCheck(staleFeedMs);
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _timer = new Timer(_ => Refresh(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>A status line for a <paramref name="mode"/> session, or null when standard error is not a terminal.</summary>
    public static StatusLine? OnTerminal(string mode, double staleFeedMs, Func<TimeSpan, SessionSnapshot?> snapshot) =>
        Console.IsErrorRedirected ? null : new StatusLine(mode, staleFeedMs, snapshot);

    /// <summary>The line's text (Spectre markup) for <paramref name="s"/>, rates since <paramref name="previous"/> (loop time, events, messages).</summary>
    public static string Format(string mode, SessionSnapshot s, HealthReport health, (long Now, long Events, long Messages) previous)
    {
        var c = CultureInfo.InvariantCulture;
        long since = previous.Now > 0 ? previous.Now : s.StartedAt;
        double seconds = Math.Max((s.Now - since) / 1e9, 1e-9);
        var up = TimeSpan.FromTicks(Math.Max(0, (s.Now - s.StartedAt) / 100));
        string colour = health.Status switch { HealthStatus.Healthy => "green", HealthStatus.Degraded => "yellow", _ => "red" };
        string positions = string.Join(" ", s.Instruments.Select(i => string.Create(c, $"{i.Symbol} {i.Position:0.####} pnl {i.Pnl:0.##}")));
        string text = string.Create(c,
            $"{mode} {(int)up.TotalHours:00}:{up.Minutes:00}:{up.Seconds:00} [{colour}]{HealthReport.NameOf(health.Status)}[/] | ev {(s.MarketEvents - previous.Events) / seconds:N0}/s msg {(s.LoopMessages - previous.Messages) / seconds:N0}/s q {s.QueueDepth} | orders {s.Orders} fills {s.Fills} rej {s.VenueRejects} | {Markup.Escape(positions)} | reconn {s.Reconnects} 429 {s.RateLimited}");
        return text;
    }

    private void Refresh()
    {
        lock (_gate)
        {
            if (_disposed) return;
            var s = _snapshot(TimeSpan.FromMilliseconds(500));
            if (s is null) return;
            string text = Format(_mode, s, _health.Judge(s), _last);
            _last = (s.Now, s.MarketEvents, s.LoopMessages);
            // Back to the line's start, the line, then clear what a longer line left.
            Console.Error.Write('\r');
            _console.Markup(text);
            Console.Error.Write("\u001b[K");
            _shown = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            // Disposed before the summary is printed, and again at the end of its scope: end the line once.
            if (_disposed) return;
            _disposed = true;
            if (_shown) Console.Error.WriteLine();
        }
    }
}
