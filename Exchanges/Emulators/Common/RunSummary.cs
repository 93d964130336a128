using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// What an emulator saw during a run, counted as it happens (thread-safe); <see cref="Report"/> adds the state at
/// the moment of asking (open orders, positions, faults) and gives the printable summary.
/// </summary>
public sealed class RunSummary
{
    private readonly object _lock = new();
    private readonly SortedDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _ordersReceived, _fills, _duplicateClientIds, _cancels, _amendments, _restRequests, _connections, _marketMessages, _loops;

    /// <summary>A new-order request arrived (whatever became of it).</summary>
    public void OrderReceived() => Interlocked.Increment(ref _ordersReceived);

    /// <summary>A request was refused; <paramref name="reason"/> is the venue's error name, e.g. <c>GTX_ORDER_REJECT</c>.</summary>
    public void Rejected(string reason)
    {
        lock (_lock) _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;
    }

    /// <summary>One execution of one of the account's orders.</summary>
    public void Fill() => Interlocked.Increment(ref _fills);

    /// <summary>A new order named a client order id some earlier new order had already used.</summary>
    public void DuplicateClientOrderId() => Interlocked.Increment(ref _duplicateClientIds);

    /// <summary>An order was cancelled on request.</summary>
    public void Cancelled() => Interlocked.Increment(ref _cancels);

    /// <summary>An order was amended.</summary>
    public void Amended() => Interlocked.Increment(ref _amendments);

    /// <summary>A REST request arrived.</summary>
    public void RestRequest() => Interlocked.Increment(ref _restRequests);

    /// <summary>A WebSocket connection was accepted.</summary>
    public void Connection() => Interlocked.Increment(ref _connections);

    /// <summary>A market message (rows of one exchange time) was replayed.</summary>
    public void MarketMessage() => Interlocked.Increment(ref _marketMessages);

    /// <summary>The replay wrapped around to the start of the data.</summary>
    public void Loop() => Interlocked.Increment(ref _loops);

    /// <summary>The summary now.</summary>
    public RunReport Report(string venue, int openOrders, IReadOnlyDictionary<string, decimal> positions, IReadOnlyDictionary<string, long> faults)
    {
        Dictionary<string, long> rejected;
        lock (_lock) rejected = new Dictionary<string, long>(_rejected);
        return new RunReport
        {
            Venue = venue,
            OrdersReceived = Interlocked.Read(ref _ordersReceived),
            OrdersRejected = rejected,
            Fills = Interlocked.Read(ref _fills),
            OpenOrders = openOrders,
            DuplicateClientOrderIds = Interlocked.Read(ref _duplicateClientIds),
            Positions = positions,
            Cancels = Interlocked.Read(ref _cancels),
            Amendments = Interlocked.Read(ref _amendments),
            RestRequests = Interlocked.Read(ref _restRequests),
            WebSocketConnections = Interlocked.Read(ref _connections),
            MarketMessages = Interlocked.Read(ref _marketMessages),
            ReplayLoops = Interlocked.Read(ref _loops),
            FaultsInjected = faults,
        };
    }
}

/// <summary>An emulator's run summary, as printed at the end (<see cref="ToJson"/> for <c>--json</c>).</summary>
public sealed record RunReport
{
    /// <summary>The venue emulated.</summary>
    public required string Venue { get; init; }
    /// <summary>New-order requests received.</summary>
    public long OrdersReceived { get; init; }
    /// <summary>Refused requests by the venue's error name.</summary>
    public required IReadOnlyDictionary<string, long> OrdersRejected { get; init; }
    /// <summary>Executions of the account's orders.</summary>
    public long Fills { get; init; }
    /// <summary>Orders resting at the end.</summary>
    public int OpenOrders { get; init; }
    /// <summary>New orders that reused a client order id of an earlier new order.</summary>
    public long DuplicateClientOrderIds { get; init; }
    /// <summary>Signed position per symbol.</summary>
    public required IReadOnlyDictionary<string, decimal> Positions { get; init; }
    /// <summary>Orders cancelled on request.</summary>
    public long Cancels { get; init; }
    /// <summary>Orders amended.</summary>
    public long Amendments { get; init; }
    /// <summary>REST requests received.</summary>
    public long RestRequests { get; init; }
    /// <summary>WebSocket connections accepted.</summary>
    public long WebSocketConnections { get; init; }
    /// <summary>Market messages replayed.</summary>
    public long MarketMessages { get; init; }
    /// <summary>Times the replay wrapped around.</summary>
    public long ReplayLoops { get; init; }
    /// <summary>Faults injected by kind.</summary>
    public required IReadOnlyDictionary<string, long> FaultsInjected { get; init; }

    /// <summary>Writes the summary's fields into the object being written.</summary>
    public void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("venue", Venue);
        w.WriteNumber("orders_received", OrdersReceived);
        w.WriteStartObject("orders_rejected");
        foreach (var (reason, n) in OrdersRejected.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(reason, n);
        w.WriteEndObject();
        w.WriteNumber("fills", Fills);
        w.WriteNumber("open_orders", OpenOrders);
        w.WriteNumber("duplicate_client_order_ids", DuplicateClientOrderIds);
        w.WriteStartObject("positions");
        foreach (var (symbol, qty) in Positions.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(symbol, qty);
        w.WriteEndObject();
        w.WriteNumber("cancels", Cancels);
        w.WriteNumber("amendments", Amendments);
        w.WriteNumber("rest_requests", RestRequests);
        w.WriteNumber("websocket_connections", WebSocketConnections);
        w.WriteNumber("market_messages", MarketMessages);
        w.WriteNumber("replay_loops", ReplayLoops);
        w.WriteStartObject("faults_injected");
        foreach (var (name, n) in FaultsInjected.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(name, n);
        w.WriteEndObject();
    }

    /// <summary>One JSON object.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            WriteFields(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Aligned lines for a terminal.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Line(string name, string value) => sb.Append(c, $"{name,-28}{value}").AppendLine();
        Line("venue", Venue);
        Line("orders received", OrdersReceived.ToString("N0", c));
        Line("orders rejected", OrdersRejected.Count == 0 ? "0" : string.Join(", ", OrdersRejected.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
        Line("fills", Fills.ToString("N0", c));
        Line("open orders", OpenOrders.ToString("N0", c));
        Line("duplicate client order ids", DuplicateClientOrderIds.ToString("N0", c));
        Line("positions", Positions.Count == 0 ? "none" : string.Join(", ", Positions.Select(kv => string.Create(c, $"{kv.Key} {kv.Value}"))));
        Line("cancels / amendments", string.Create(c, $"{Cancels:N0} / {Amendments:N0}"));
        Line("REST requests", RestRequests.ToString("N0", c));
        Line("WebSocket connections", WebSocketConnections.ToString("N0", c));
        Line("market messages", string.Create(c, $"{MarketMessages:N0} ({ReplayLoops} loops)"));
        Line("faults injected", FaultsInjected.Count == 0 ? "none" : string.Join(", ", FaultsInjected.Select(kv => $"{kv.Key} {kv.Value}")));
        return sb.ToString();
    }
}
