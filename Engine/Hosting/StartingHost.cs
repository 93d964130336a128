namespace Hft.Engine.Hosting;

/// <summary>
/// An <see cref="EngineHost"/> started on another thread while the caller goes on preparing, so that the actor
/// system's cold start (0.2-0.4 s on two cores) overlaps with the command's own work (plugins, opening the data).
/// <see cref="Host"/> waits for it; disposing stops it, also when the caller failed before it needed it.
/// </summary>
internal sealed class StartingHost : IDisposable
{
    private readonly Task<EngineHost> _starting;

    /// <summary>Starts the host with the engine's configuration, under <paramref name="extra"/> when given.</summary>
    public StartingHost(Akka.Configuration.Config? extra = null) => _starting = Task.Run(() => EngineHost.Start(extra));

    /// <summary>The started host (waits for the start to finish; rethrows its failure).</summary>
    public EngineHost Host => _starting.GetAwaiter().GetResult();

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _starting.GetAwaiter().GetResult().Dispose();
        }
        catch (Exception) when (!_starting.IsCompletedSuccessfully)
        {
            // It never started, so there is nothing to stop; the caller's own error is the one to report.
        }
    }
}
