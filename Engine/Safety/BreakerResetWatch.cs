using System.Runtime.InteropServices;

namespace Hft.Engine.Safety;

/// <summary>
/// Watches, from the thread pool, for a request to reset a running session's tripped circuit breakers: the reset file
/// appearing (<c>reset-breakers CONFIG</c> writes it; the session deletes it to say it was taken) or SIGUSR2 (Linux).
/// Unlike the kill switch it fires each time it is asked.
/// </summary>
internal sealed class BreakerResetWatch : IDisposable
{
    private const int SigUsr2OnLinux = 12;
    private readonly string? _file;
    private readonly Action<string> _onReset;
    private readonly Timer _timer;
    private readonly PosixSignalRegistration? _signal;

    /// <summary>Starts watching <paramref name="file"/> (null: none) every <paramref name="poll"/> (default 100 ms).</summary>
    public BreakerResetWatch(string? file, Action<string> onReset, TimeSpan? poll = null)
    {
        _file = file;
        _onReset = onReset;
        // A reset asked for before the session started is stale: it must not lift a breaker that trips later.
        if (file is not null) TryDelete(file);
        if (OperatingSystem.IsLinux())
        {
            _signal = PosixSignalRegistration.Create((PosixSignal)SigUsr2OnLinux, context =>
            {
                // The default action of SIGUSR2 ends the process: here it asks for a reset.
                context.Cancel = true;
                _onReset("SIGUSR2");
            });
        }
        _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, poll ?? TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The reset file of a config whose kill file is <paramref name="killFile"/>: the same name with <c>.reset</c>.</summary>
    public static string FileFor(string killFile) => Path.ChangeExtension(killFile, ".reset");

    private void Poll()
    {
        if (_file is null || KillSwitchWatch.Read(_file) is not { } says) return;
        if (TryDelete(_file)) _onReset($"reset file {_file}: {says}");
    }

    private static bool TryDelete(string file)
    {
        try
        {
            if (!File.Exists(file)) return false;
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _signal?.Dispose();
    }
}
