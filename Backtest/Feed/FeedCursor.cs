using System.Runtime.CompilerServices;
using Hft.Core.Actors.Dispatch;
using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>
/// Walks one instrument's rows on one timeline (exchange or local), skipping rows not meant for it, and
/// offers them to the core loop as a pre-sorted <see cref="TimedSource"/>.
/// </summary>
public sealed class FeedCursor<TSink> : TimedSource where TSink : struct, IRowSink
{
    private readonly TSink _sink;
    private readonly FeedBlocks _blocks;
    private readonly ulong _flag;
    private FeedBlocks.Node? _node;
    private MarketEvent[] _rows = [];
    private int _index;
    private int _end;
    private long _lastTime = long.MinValue;

    internal FeedCursor(FeedBlocks blocks, int lane, TSink sink) : base(lane)
    {
        _blocks = blocks;
        _sink = sink;
        _flag = sink.Flag;
    }

    /// <summary>Rows delivered so far.</summary>
    public long Delivered { get; private set; }

    /// <inheritdoc />
    public override void Open()
    {
        _node = _blocks.First();
        if (_node is null)
        {
            NextTime = long.MaxValue;
            return;
        }
        Load(_node);
        _index--;
        Advance();
    }

    /// <inheritdoc />
    public override void DeliverNext()
    {
        _sink.Deliver(in _rows[_index]);
        Delivered++;
        Advance();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance()
    {
        var rows = _rows;
        int i = _index + 1;
        while (true)
        {
            if (i >= _end)
            {
                if (!NextBlock())
                {
                    NextTime = long.MaxValue;
                    return;
                }
                rows = _rows;
                i = _index;
            }
            ref readonly var row = ref rows[i];
            if ((row.Flags & _flag) != 0)
            {
                long t = _sink.TimeOf(in row);
                if (t < _lastTime) ThrowOutOfOrder(i, t);
                _lastTime = t;
                _index = i;
                NextTime = t;
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

    private void ThrowOutOfOrder(int index, long time)
    {
        var block = _node!.Block;
        string name = block.FileIndex < _blocks.Names.Count ? _blocks.Names[block.FileIndex] : "<input>";
        long row = block.FileRow + (index - block.Start);
        throw new InvalidDataException(
            $"{name}: row {row}: {TimelineName} time {time} is earlier than the previous {TimelineName} row ({_lastTime}); " +
            "rows must be in time order on each timeline (hftbacktest's correct_event_order produces such files).");
    }

    private string TimelineName => _flag == EventFlags.Exchange ? "exch_ts" : "local_ts";
}
