namespace Hft.Engine.Metrics;

/// <summary>Asks the session's probe actor for a <see cref="SessionSnapshot"/> (taken on the loop).</summary>
internal sealed class TakeSessionSnapshot
{
    /// <summary>The one instance (the message carries nothing).</summary>
    public static readonly TakeSessionSnapshot Instance = new();

    private TakeSessionSnapshot()
    {
    }
}
