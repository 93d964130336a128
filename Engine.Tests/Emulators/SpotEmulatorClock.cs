namespace Hft.Engine.Tests.Emulators;

/// <summary>A clock pinned to one instant (the signing vectors' timestamps).</summary>
internal sealed class PinnedClock(long unixMs) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
