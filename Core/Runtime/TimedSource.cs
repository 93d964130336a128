namespace Hft.Core.Runtime;

/// <summary>
/// A stream of deliveries already sorted by time (a recorded feed). The core loop merges such streams with
/// its timer queue instead of pushing every event through a priority queue or a mailbox.
/// </summary>
public abstract class TimedSource
{
    /// <summary>Creates a source whose deliveries sort in <paramref name="lane"/> at equal times.</summary>
    protected TimedSource(int lane) => Lane = lane;

    /// <summary>Due time of the next delivery; <see cref="long.MaxValue"/> when the source is exhausted.</summary>
    public long NextTime { get; protected set; } = long.MaxValue;

    /// <summary>The tie-break lane of the next delivery (see <see cref="DeliveryLane"/>); a source merging several timelines changes it.</summary>
    public int Lane { get; protected set; }

    /// <summary>True when nothing is left.</summary>
    public bool IsExhausted => NextTime == long.MaxValue;

    /// <summary>Called once before the loop starts, so the source can load its first item.</summary>
    public virtual void Open() { }

    /// <summary>Delivers the item due at <see cref="NextTime"/> and moves to the next one.</summary>
    public abstract void DeliverNext();

    /// <summary>
    /// Delivers items for as long as the loop lets the run go on (see <see cref="CoreLoop.ContinueRun"/>).
    /// Sources on the hot path override it with a loop of their own, saving a virtual call per item.
    /// </summary>
    protected internal virtual void DeliverRun(CoreLoop loop, long limitTime, int limitLane)
    {
        do
        {
            DeliverNext();
        }
        while (loop.ContinueRun(NextTime, Lane, limitTime, limitLane));
    }
}
