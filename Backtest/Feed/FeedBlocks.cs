namespace Hft.Backtest.Feed;

/// <summary>
/// The blocks of one instrument's feed shared by its two cursors (exchange time and local time). The
/// cursor ahead pulls new blocks from the source; a block goes back to the source once both have left it,
/// so memory is bounded by how far local time lags exchange time, not by file size.
/// </summary>
internal sealed class FeedBlocks
{
    internal sealed class Node
    {
        public EventBlock Block;
        public Node? Next;
        public int Readers;
    }

    private readonly IEventBlockSource _source;
    private readonly int _readers;
    private Node? _first;
    private bool _firstTaken;
    private bool _ended;

    public FeedBlocks(IEventBlockSource source, int readers)
    {
        _source = source;
        _readers = readers;
    }

    public IReadOnlyList<string> Names => _source.Names;

    /// <summary>Rows taken from the source so far.</summary>
    public long RowsRead { get; private set; }

    public Node? First()
    {
        if (!_firstTaken)
        {
            _firstTaken = true;
            _first = Take();
        }
        return _first;
    }

    public Node? NextOf(Node node) => node.Next ??= Take();

    public void Leave(Node node)
    {
        if (--node.Readers == 0) _source.Release(in node.Block);
    }

    private Node? Take()
    {
        if (_ended) return null;
        while (_source.TryTake(out var block))
        {
            RowsRead += block.Count;
            if (block.Count > 0) return new Node { Block = block, Readers = _readers };
            _source.Release(in block);
        }
        _ended = true;
        return null;
    }
}
