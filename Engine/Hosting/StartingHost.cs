namespace Hft.Engine.Hosting;

/// <summary>
/// An <see cref="EngineHost"/> started on another thread while the caller goes on preparing; <see cref="Host"/>
/// waits for it. Disposing stops it, also when the caller failed before it needed it.
/// </summary>
internal sealed class StartingHost(Func<EngineHost> start) : IDisposable
{
    private readonly Task<EngineHost> _starting = Task.Run(start);

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
