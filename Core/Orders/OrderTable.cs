namespace Hft.Core.Orders;

/// <summary>
/// The local orders of one instrument, by id, iterated in submission order (never in hash order, so
/// anything derived from the iteration is deterministic).
/// </summary>
public sealed class OrderTable
{
    private readonly Dictionary<ulong, Order> _byId = new();
    private readonly List<Order> _ordered = new();

    /// <summary>Number of orders held (active and inactive not yet cleared).</summary>
    public int Count => _ordered.Count;

    /// <summary>The orders in submission order.</summary>
    public IReadOnlyList<Order> All => _ordered;

    /// <summary>True if an order with this id is held.</summary>
    public bool Contains(ulong id) => _byId.ContainsKey(id);

    /// <summary>The order with this id, or null.</summary>
    public Order? Find(ulong id) => _byId.GetValueOrDefault(id);

    internal bool TryAdd(Order order)
    {
        if (!_byId.TryAdd(order.Id, order)) return false;
        _ordered.Add(order);
        return true;
    }

    /// <summary>Removes ended orders (expired, filled, cancelled, rejected) with nothing in flight.</summary>
    internal int ClearInactive()
    {
        int kept = 0;
        for (int i = 0; i < _ordered.Count; i++)
        {
            var order = _ordered[i];
            if (order.IsInactive) _byId.Remove(order.Id);
            else _ordered[kept++] = order;
        }
        int removed = _ordered.Count - kept;
        _ordered.RemoveRange(kept, removed);
        return removed;
    }
}
