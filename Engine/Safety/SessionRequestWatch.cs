using System.Runtime.InteropServices;

namespace Hft.Engine.Safety;

/// <summary>
/// Watches, from the thread pool, for a request to a running session from a second process: a request file appearing
/// (<c>reset-breakers CONFIG</c> writes the reset file, <c>reload CONFIG</c> the reload file; the session deletes it
/// to say it was taken), or a signal on Linux (SIGUSR2 resets the breakers). Unlike the kill switch it fires each time
/// it is asked.
/// </summary>
internal sealed class SessionRequestWatch : IDisposable
{
    /// <summary>SIGUSR2's number on Linux.</summary>
    public const int SigUsr2OnLinux = 12;

    private readonly string? _file;
    private readonly Action<string> _onRequest;
    private readonly Timer _timer;
    private readonly PosixSignalRegistration? _signal;

    /// <summary>
    /// Starts watching <paramref name="file"/> (null: none) every <paramref name="poll"/> (default 100 ms), and the
    /// Linux signal <paramref name="signal"/> (null: none); <paramref name="onRequest"/> hears what the file said.
    /// </summary>
    public SessionRequestWatch(string? file, Action<string> onRequest, int? signal = null, TimeSpan? poll = null)
    {
        _file = file;
        _onRequest = onRequest;
        // A request made before the session started is stale: a reset must not lift a breaker that trips later.
        if (file is not null) TryDelete(file);
        if (signal is { } number && OperatingSystem.IsLinux())
        {
            _signal = PosixSignalRegistration.Create((PosixSignal)number, context =>
            {
                // The default action of SIGUSR2 ends the process: here it asks.
                context.Cancel = true;
                _onRequest("signal " + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
        }
        _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, poll ?? TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The reset file of a config whose kill file is <paramref name="killFile"/>: the same name with <c>.reset</c>.</summary>
    public static string ResetFileFor(string killFile) => Path.ChangeExtension(killFile, ".reset");

    /// <summary>The reload file of a config whose kill file is <paramref name="killFile"/>: the same name with <c>.reload</c>.</summary>
    public static string ReloadFileFor(string killFile) => Path.ChangeExtension(killFile, ".reload");

    private void Poll()
    {
        if (_file is null || KillSwitchWatch.Read(_file) is not { } says) return;
        if (TryDelete(_file)) _onRequest(says);
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
