namespace Hft.Engine.Live;

/// <summary>Several things disposed as one, in reverse order.</summary>
internal sealed class Disposables(params IDisposable[] items) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        for (int i = items.Length - 1; i >= 0; i--) items[i].Dispose();
    }
}
