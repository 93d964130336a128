namespace Hft.Engine.Hosting;

/// <summary>
/// The engine host, started on another thread once a command knows it will run a graph, so that the actor system's
/// cold start (0.2-0.4 s on two cores) overlaps with the command's own preparation (plugins, opening the data). Whoever <see cref="Take"/>s it owns it; one never taken is stopped by <see cref="Dispose"/>.
/// </summary>
internal sealed class StartingHost : IDisposable
{
    private readonly object _gate = new();
    private Task<EngineHost>? _starting;
    private bool _taken;

    /// <summary>Starts the host in the background, if it is not starting already.</summary>
    public void Begin()
    {
        lock (_gate) _starting ??= Task.Run(EngineHost.Start);
    }

    /// <summary>Waits for the host (starting it now if <see cref="Begin"/> was not called) and takes ownership of it.</summary>
    public EngineHost Take()
    {
        Task<EngineHost> starting;
        lock (_gate)
        {
            _starting ??= Task.Run(EngineHost.Start);
            _taken = true;
            starting = _starting;
        }
        return starting.GetAwaiter().GetResult();
    }

    /// <summary>Stops a host that was started but never taken (the command failed, or did not need it).</summary>
    public void Dispose()
    {
        Task<EngineHost>? starting;
        lock (_gate) starting = _taken ? null : _starting;
        if (starting is null) return;
        try
        {
            starting.GetAwaiter().GetResult().Dispose();
        }
        catch (Exception) when (!starting.IsCompletedSuccessfully)
        {
            // It never started, so there is nothing to stop; the command's own outcome is what the user sees.
        }
    }
}
