using System.Runtime.CompilerServices;

namespace Hft.Core.Actors.Dispatch;

/// <summary>
/// Holds the struct messages of one type that wait in the core loop's FIFO, in order, so that a struct
/// message is never boxed on its way to an actor.
/// </summary>
internal abstract class MessageLane
{
    public abstract void DeliverNext(ActorCell target, IActorRef? sender);
}

internal sealed class MessageLane<T> : MessageLane
{
    private T[] _items = new T[256];
    private int _head;
    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(in T item)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Dequeue()
    {
        var items = _items;
        T item = items[_head];
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) items[_head] = default!;
        _head = (_head + 1) & (items.Length - 1);
        _count--;
        return item;
    }

    public override void DeliverNext(ActorCell target, IActorRef? sender)
    {
        // One copy out of the ring, then by reference: the slot is free again as soon as it is dequeued.
        T item = Dequeue();
        target.Invoke(in item, sender);
    }

    private void Grow()
    {
        var bigger = new T[_items.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
