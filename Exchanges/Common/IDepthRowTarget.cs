using Hft.Core.Markets;

namespace Hft.Exchanges.Common;

/// <summary>Where a depth synchronizer puts the rows it has checked: the local book (and, in paper mode, the simulated venue).</summary>
public interface IDepthRowTarget
{
    /// <summary>Applies <paramref name="rows"/> of <paramref name="instrument"/>, in order, on the core loop's thread.</summary>
    void Apply(int instrument, ReadOnlySpan<MarketEvent> rows);
}
