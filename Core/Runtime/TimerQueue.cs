namespace Hft.Core.Runtime;

/// <summary>A binary min-heap of scheduled messages keyed by (due time, lane, sequence number).</summary>
internal sealed class TimerQueue
{
    internal struct Entry
    {
        public long Due;
        public int Lane;
        public long Sequence;
        public LoopTimer Item;
    }

    private Entry[] _heap = new Entry[64];

    public int Count { get; private set; }

    /// <summary>One-off entries in the heap (cancelled ones included until <see cref="HasLiveKeepAlive"/> looks).</summary>
    public int KeepAliveCount { get; set; }

    public ref Entry Peek() => ref _heap[0];

    /// <summary>
    /// True if a one-off entry that was not cancelled is waiting. Only asked once the feeds are exhausted,
    /// so a cancelled timer far in the future never stretches a run's end time.
    /// </summary>
    public bool HasLiveKeepAlive()
    {
        if (KeepAliveCount == 0) return false;
        for (int i = 0; i < Count; i++)
        {
            var item = _heap[i].Item;
            if (item.KeepsAlive && !item.IsCancelled) return true;
        }
        return false;
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        _heap = new Entry[4];
        Count = 0;
        KeepAliveCount = 0;
    }

    public void Push(long due, int lane, long sequence, LoopTimer item)
    {
        if (Count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        int i = Count++;
        var entry = new Entry { Due = due, Lane = lane, Sequence = sequence, Item = item };
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(in entry, in _heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = entry;
    }

    public Entry Pop()
    {
        var top = _heap[0];
        var last = _heap[--Count];
        _heap[Count] = default;
        if (Count > 0)
        {
            int i = 0;
            while (true)
            {
                int left = 2 * i + 1;
                if (left >= Count) break;
                int right = left + 1;
                int child = right < Count && Less(in _heap[right], in _heap[left]) ? right : left;
                if (!Less(in _heap[child], in last)) break;
                _heap[i] = _heap[child];
                i = child;
            }
            _heap[i] = last;
        }
        return top;
    }

    private static bool Less(in Entry a, in Entry b) =>
        a.Due < b.Due || (a.Due == b.Due && (a.Lane < b.Lane || (a.Lane == b.Lane && a.Sequence < b.Sequence)));
}
