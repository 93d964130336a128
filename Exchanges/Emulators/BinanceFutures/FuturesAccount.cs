using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The one account the emulator serves: its wallet, its positions per symbol and its orders (open and ended, so
/// ended orders can still be queried). Not thread-safe: the venue guards it.
/// </summary>
public sealed class FuturesAccount
{
    private readonly Dictionary<long, EmulatedOrder> _orders = new();
    private readonly Dictionary<string, EmulatedOrder> _openByClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedOrder> _latestByClientId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedClientIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FuturesPosition> _positions = new(StringComparer.Ordinal);
    private long _nextOrderId;

    /// <summary>An account holding <paramref name="balance"/> of the margin asset.</summary>
    public FuturesAccount(decimal balance, long firstOrderId)
    {
        WalletBalance = balance;
        _nextOrderId = firstOrderId;
    }

    /// <summary>Wallet balance of the margin asset (realized profit and fees included).</summary>
    public decimal WalletBalance { get; set; }

    /// <summary>A new order id.</summary>
    public long NextOrderId() => _nextOrderId++;

    /// <summary>The position of a symbol (created flat on first use).</summary>
    public FuturesPosition Position(string symbol)
    {
        if (!_positions.TryGetValue(symbol, out var p)) _positions[symbol] = p = new FuturesPosition();
        return p;
    }

    /// <summary>Every symbol that has had a position.</summary>
    public IReadOnlyDictionary<string, FuturesPosition> Positions => _positions;

    /// <summary>True if an open order uses the client order id.</summary>
    public bool IsOpenClientId(string clientOrderId) => _openByClientId.ContainsKey(clientOrderId);

    /// <summary>True if an accepted new order has ever used the client id.</summary>
    public bool HasUsedClientId(string clientOrderId) => _usedClientIds.Contains(clientOrderId);

    /// <summary>Records that an accepted new order used the client id.</summary>
    public void MarkClientIdUsed(string clientOrderId) => _usedClientIds.Add(clientOrderId);

    /// <summary>Adds an accepted order.</summary>
    public void Add(EmulatedOrder order)
    {
        _orders[order.OrderId] = order;
        _latestByClientId[order.ClientOrderId] = order;
        if (order.IsOpen) _openByClientId[order.ClientOrderId] = order;
    }

    /// <summary>Keeps the open-order index right after an order's status changed.</summary>
    public void Updated(EmulatedOrder order)
    {
        if (order.IsOpen) _openByClientId[order.ClientOrderId] = order;
        else if (_openByClientId.TryGetValue(order.ClientOrderId, out var o) && o == order) _openByClientId.Remove(order.ClientOrderId);
    }

    /// <summary>An order by id or by client order id (the latest with that id), or null.</summary>
    public EmulatedOrder? Find(long? orderId, string? clientOrderId)
    {
        if (orderId is { } id) return _orders.GetValueOrDefault(id);
        if (clientOrderId is not null) return _latestByClientId.GetValueOrDefault(clientOrderId);
        return null;
    }

    /// <summary>An order by id, or null.</summary>
    public EmulatedOrder? Find(long orderId) => _orders.GetValueOrDefault(orderId);

    /// <summary>Open orders, oldest first, of one symbol or all.</summary>
    public List<EmulatedOrder> OpenOrders(string? symbol) =>
        _openByClientId.Values.Where(o => symbol is null || o.Symbol.Name == symbol).OrderBy(o => o.OrderId).ToList();

    /// <summary>Number of open orders.</summary>
    public int OpenCount => _openByClientId.Count;
}
