namespace Hft.Backtest.Feed;

/// <summary>Where a feed gets its rows from, in file order, block by block (files, or memory in tests).</summary>
public interface IEventBlockSource : IDisposable
{
    /// <summary>Names of the inputs, for error messages (index = <see cref="EventBlock.FileIndex"/>).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The next block; false at the end. May block while the next block is being read.</summary>
    bool TryTake(out EventBlock block);

    /// <summary>Gives a block back once no cursor reads it any more.</summary>
    void Release(in EventBlock block);
}
