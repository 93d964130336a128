using System.Runtime.CompilerServices;
using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>
/// A position in one instrument's rows on one timeline (exchange or local time): skips the rows not meant
/// for that timeline and checks that its times never decrease. A mutable struct held in a field of the feed.
/// </summary>
internal struct TimelineCursor
{
    private readonly FeedBlocks _blocks;
    private readonly ulong _flag;
    private FeedBlocks.Node? _node;
    private MarketEvent[] _rows;
    private int _index;
    private int _end;
    private long _last;

    public TimelineCursor(FeedBlocks blocks, ulong flag)
    {
        _blocks = blocks;
        _flag = flag;
        _rows = [];
        _last = long.MinValue;
        Next = long.MaxValue;
    }

    /// <summary>Time of the current row on this timeline; <see cref="long.MaxValue"/> at the end.</summary>
    public long Next;

    /// <summary>The current row.</summary>
    public readonly ref readonly MarketEvent Row => ref _rows[_index];

    public void Open()
    {
        _node = _blocks.First();
        if (_node is null) return;
        Load(_node);
        _index--;
        Advance();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance()
    {
        var rows = _rows;
        int i = _index + 1;
        bool local = _flag == EventFlags.Local;
        while (true)
        {
            if (i >= _end)
            {
                if (!NextBlock())
                {
                    Next = long.MaxValue;
                    return;
                }
                rows = _rows;
                i = _index;
            }
            ref readonly var row = ref rows[i];
            if ((row.Flags & _flag) != 0)
            {
                long t = local ? row.LocalTime : row.ExchangeTime;
                if (t < _last) ThrowOutOfOrder(i, t);
                _last = t;
                _index = i;
                Next = t;
                return;
            }
            i++;
        }
    }

    private bool NextBlock()
    {
        var current = _node!;
        var next = _blocks.NextOf(current);
        _blocks.Leave(current);
        _node = next;
        if (next is null) return false;
        Load(next);
        return true;
    }

    private void Load(FeedBlocks.Node node)
    {
        _rows = node.Block.Rows;
        _index = node.Block.Start;
        _end = node.Block.Start + node.Block.Count;
    }

    private readonly void ThrowOutOfOrder(int index, long time)
    {
        var block = _node!.Block;
        string name = block.FileIndex < _blocks.Names.Count ? _blocks.Names[block.FileIndex] : "<input>";
        long row = block.FileRow + (index - block.Start);
        string timeline = _flag == EventFlags.Exchange ? "exch_ts" : "local_ts";
        throw new InvalidDataException(
            $"{name}: row {row}: {timeline} time {time} is earlier than the previous {timeline} row ({_last}); " +
            "rows must be in time order on each timeline (hftbacktest's correct_event_order produces such files).");
    }
}
