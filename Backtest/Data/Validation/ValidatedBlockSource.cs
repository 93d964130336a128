using Hft.Backtest.Feed;
using Hft.Core.Markets;

namespace Hft.Backtest.Data.Validation;

/// <summary>
/// A feed's rows passed through a <see cref="MarketByOrderValidator"/> block by block as they are taken, so bad
/// market-by-order rows never reach the books (the run itself is unchanged: it only sees a source). Skipped rows
/// are changed in place: a file source's blocks are its own buffers, but a memory source's array is the caller's.
/// </summary>
public sealed class ValidatedBlockSource : IEventBlockSource
{
    private readonly IEventBlockSource _inner;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="validator"/> keeps the counts for the report.</summary>
    public ValidatedBlockSource(IEventBlockSource inner, MarketByOrderValidator validator)
    {
        _inner = inner;
        Validator = validator;
    }

    /// <summary>The validator, with its counts.</summary>
    public MarketByOrderValidator Validator { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Names => _inner.Names;

    /// <inheritdoc />
    public bool TryTake(out EventBlock block)
    {
        if (!_inner.TryTake(out block)) return false;
        var rows = block.Rows;
        string? name = null;
        int end = block.Start + block.Count;
        for (int i = block.Start; i < end; i++)
        {
            // Cheap filter first: L2 rows never need the file name or the validator's sets.
            ulong kind = rows[i].Flags & 0xFF;
            if (kind != EventFlags.DepthClear && kind < EventFlags.AddOrder) continue;
            name ??= block.FileIndex < Names.Count ? Names[block.FileIndex] : "<input>";
            Validator.Check(ref rows[i], name, block.FileRow + (i - block.Start));
        }
        return true;
    }

    /// <inheritdoc />
    public void Release(in EventBlock block) => _inner.Release(in block);

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();
}
