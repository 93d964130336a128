namespace Hft.Core.Books;

/// <summary>What one depth update did to a side of the book (hftbacktest's update tuple).</summary>
/// <param name="Tick">The updated price level.</param>
/// <param name="PreviousBestTick">Best tick of that side before the update.</param>
/// <param name="BestTick">Best tick of that side after it.</param>
/// <param name="PreviousQuantity">The level's quantity before.</param>
/// <param name="NewQuantity">The quantity the update carried (raw, unrounded).</param>
public readonly record struct DepthChange(long Tick, long PreviousBestTick, long BestTick, double PreviousQuantity, double NewQuantity);
