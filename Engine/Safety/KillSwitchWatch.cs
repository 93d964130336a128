using System.Runtime.InteropServices;

namespace Hft.Engine.Safety;

/// <summary>
/// Watches, from the thread pool, for the two ways a kill reaches a running session besides the <c>kill</c> command's own
/// cancels: the kill file appearing (<c>kill</c> writes it; a user can too) and SIGUSR1 (Linux). Calls its action once,
/// with how it was engaged.
/// </summary>
internal sealed class KillSwitchWatch : IDisposable
{
    private const int SigUsr1OnLinux = 10;
    private readonly string? _file;
    private readonly Action<string> _onKill;
    private readonly Timer _timer;
    private readonly PosixSignalRegistration? _signal;
    private int _fired;

    /// <summary>Starts watching <paramref name="file"/> (null: no file) every <paramref name="poll"/> (default 50 ms).</summary>
    public KillSwitchWatch(string? file, Action<string> onKill, TimeSpan? poll = null)
    {
        _file = file;
        _onKill = onKill;
        if (OperatingSystem.IsLinux())
        {
            _signal = PosixSignalRegistration.Create((PosixSignal)SigUsr1OnLinux, context =>
            {
                // The default action of SIGUSR1 ends the process: it is the switch here, not an exit.
                context.Cancel = true;
                Fire("SIGUSR1");
            });
        }
        var every = poll ?? TimeSpan.FromMilliseconds(50);
        _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, every);
    }

    /// <summary>What the kill file says, if it exists: its first line, or that it is empty.</summary>
    public static string? Read(string file)
    {
        try
        {
            if (!File.Exists(file)) return null;
            string first = File.ReadLines(file).FirstOrDefault()?.Trim() ?? "";
            return first.Length > 0 ? first : "(empty)";
        }
        catch (IOException)
        {
            // Being written right now: it exists, what it says is read next time.
            return "(being written)";
        }
        catch (UnauthorizedAccessException)
        {
            return "(unreadable)";
        }
    }

    private void Poll()
    {
        if (_file is null || Volatile.Read(ref _fired) != 0) return;
        if (Read(_file) is { } says) Fire($"kill file {_file}: {says}");
    }

    private void Fire(string how)
    {
        if (Interlocked.Exchange(ref _fired, 1) != 0) return;
        _onKill(how);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _signal?.Dispose();
    }
}
