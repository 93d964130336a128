using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>Rows already in memory, served in blocks (tests, benchmarks, generated data).</summary>
public sealed class MemoryBlockSource : IEventBlockSource
{
    private readonly MarketEvent[] _rows;
    private readonly int _blockRows;
    private int _next;

    /// <summary>Serves <paramref name="rows"/> in blocks of <paramref name="blockRows"/>.</summary>
    public MemoryBlockSource(MarketEvent[] rows, int blockRows = 65536, string name = "<memory>")
    {
        _rows = rows;
        _blockRows = Math.Max(1, blockRows);
        Names = [name];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc />
    public bool TryTake(out EventBlock block)
    {
        if (_next >= _rows.Length)
        {
            block = default;
            return false;
        }
        int count = Math.Min(_blockRows, _rows.Length - _next);
        block = new EventBlock(_rows, _next, count, 0, _next, null);
        _next += count;
        return true;
    }

    /// <inheritdoc />
    public void Release(in EventBlock block) { }

    /// <inheritdoc />
    public void Dispose() { }
}
