namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The account: balances per asset, every order it placed (by venue id, finished ones too, for queries), the open
/// orders' client ids (unique among open orders only, as the venue requires) and the base bought minus sold.
/// Guarded by the venue's lock.
/// </summary>
public sealed class SpotAccount
{
    private readonly Dictionary<string, AssetBalance> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SpotOrder> _orders = new();
    private readonly Dictionary<string, SpotOrder> _openByClientId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedClientIds = new(StringComparer.Ordinal);
    private long _nextOrderId;

    /// <summary>An account holding <paramref name="initial"/>; order ids start after <paramref name="firstOrderId"/>.</summary>
    public SpotAccount(IEnumerable<(string Asset, decimal Free)> initial, long firstOrderId)
    {
        foreach (var (asset, free) in initial) _balances[asset] = new AssetBalance(asset, free);
        _nextOrderId = firstOrderId;
    }

    /// <summary>Base quantity bought minus sold since start.</summary>
    public decimal NetBase { get; set; }

    /// <summary>Last time a balance changed (ms).</summary>
    public long UpdateTime { get; set; }

    /// <summary>Every asset, in the order they were listed.</summary>
    public IEnumerable<AssetBalance> Balances => _balances.Values;

    /// <summary>An asset's balance (created empty if it was never held).</summary>
    public AssetBalance Balance(string asset)
    {
        if (!_balances.TryGetValue(asset, out var b)) _balances[asset] = b = new AssetBalance(asset, 0m);
        return b;
    }

    /// <summary>The next venue order id.</summary>
    public long NextOrderId() => ++_nextOrderId;

    /// <summary>Open orders.</summary>
    public int OpenCount => _openByClientId.Count;

    /// <summary>Open orders, oldest first.</summary>
    public IEnumerable<SpotOrder> OpenOrders => _openByClientId.Values.OrderBy(o => o.OrderId);

    /// <summary>True if an open order holds the client id.</summary>
    public bool ClientIdInUse(string clientOrderId) => _openByClientId.ContainsKey(clientOrderId);

    /// <summary>Remembers that a new order named this client id; true if some earlier new order had named it.</summary>
    public bool ReuseOfClientId(string clientOrderId) => !_usedClientIds.Add(clientOrderId);

    /// <summary>Records a new open order.</summary>
    public void Add(SpotOrder order)
    {
        _orders[order.OrderId] = order;
        if (order.IsOpen) _openByClientId[order.ClientOrderId] = order;
    }

    /// <summary>Keeps the open-order index in step after an order's status or client id changed.</summary>
    public void Updated(SpotOrder order, string? previousClientId = null)
    {
        if (previousClientId is not null) _openByClientId.Remove(previousClientId);
        if (order.IsOpen) _openByClientId[order.ClientOrderId] = order;
        else _openByClientId.Remove(order.ClientOrderId);
    }

    /// <summary>The order with a venue id or a client id (the venue's lookup rule: by id, then checked against the client id).</summary>
    public SpotOrder? Find(long? orderId, string? clientOrderId)
    {
        if (orderId is { } id)
        {
            if (!_orders.TryGetValue(id, out var byId)) return null;
            return clientOrderId is null || byId.ClientOrderId == clientOrderId ? byId : null;
        }
        if (clientOrderId is null) return null;
        if (_openByClientId.TryGetValue(clientOrderId, out var open)) return open;
        // A finished order keeps its client id for queries; the latest one wins.
        SpotOrder? latest = null;
        foreach (var o in _orders.Values)
            if (o.ClientOrderId == clientOrderId && (latest is null || o.OrderId > latest.OrderId)) latest = o;
        return latest;
    }
}
