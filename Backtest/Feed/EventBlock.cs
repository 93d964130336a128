using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>A block of consecutive event rows lent by an <see cref="IEventBlockSource"/> until it is released.</summary>
/// <param name="Rows">The buffer.</param>
/// <param name="Start">Index of the first valid row.</param>
/// <param name="Count">Valid rows, from <paramref name="Start"/>.</param>
/// <param name="FileIndex">Which input file the rows come from.</param>
/// <param name="FileRow">Row number in that file of <c>Rows[Start]</c>.</param>
/// <param name="Token">The source's handle for releasing the block.</param>
public readonly record struct EventBlock(MarketEvent[] Rows, int Start, int Count, int FileIndex, long FileRow, object? Token);
