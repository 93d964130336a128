using Hft.Backtest.Feed;
using Hft.Core.Markets;

namespace Hft.Engine.Sweeps;

/// <summary>
/// One run's reader of event files already in memory: the files' rows in order, in blocks that never span two files,
/// numbered by file and row as a <see cref="FileBlockSource"/> numbers them. Many readers share the same arrays; none
/// writes to them, so the rows must be checked (and cut) before the first reader starts.
/// </summary>
internal sealed class SharedBlockSource : IEventBlockSource
{
    private readonly IReadOnlyList<MarketEvent[]> _files;
    private readonly int _blockRows;
    private int _file;
    private int _next;

    /// <summary>Serves <paramref name="files"/> (named by <paramref name="names"/>) in blocks of <paramref name="blockRows"/>.</summary>
    public SharedBlockSource(IReadOnlyList<string> names, IReadOnlyList<MarketEvent[]> files, int blockRows = 65536)
    {
        Names = names;
        _files = files;
        _blockRows = Math.Max(1, blockRows);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc />
    public bool TryTake(out EventBlock block)
    {
        while (_file < _files.Count && _next >= _files[_file].Length)
        {
            _file++;
            _next = 0;
        }
        if (_file >= _files.Count)
        {
            block = default;
            return false;
        }
        var rows = _files[_file];
        int count = Math.Min(_blockRows, rows.Length - _next);
        block = new EventBlock(rows, _next, count, _file, _next, null);
        _next += count;
        return true;
    }

    /// <inheritdoc />
    public void Release(in EventBlock block) { }

    /// <inheritdoc />
    public void Dispose() { }
}
