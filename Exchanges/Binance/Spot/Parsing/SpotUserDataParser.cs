using System.Text.Json;
using Hft.Core.Orders;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Binance.Spot.Parsing;

/// <summary>
/// Reads spot user data as the WebSocket API delivers it (exchange-protocols 2.4): events wrapped in
/// <c>{"subscriptionId","event"}</c>, answers to requests <c>{"id","status","result"|"error"}</c>, and REST order answers.
/// In a cancel's <c>executionReport</c>, <c>c</c> is the cancel request's own id and <c>C</c> the cancelled order's.
/// </summary>
public static class SpotUserDataParser
{
    /// <summary>Parses one frame of the WebSocket API connection.</summary>
    /// <exception cref="FormatException">Not something the engine can read, or a refused subscription (its error in the message).</exception>
    public static BinanceUserEvent Parse(ReadOnlySpan<byte> frame)
    {
        using (var doc = ParseObject(frame))
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("status", out var status))
            {
                // The answer to the subscription (or another request) on the same socket.
                if (status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out int code) && code == 200) return new BinanceOtherEvent("response");
                string why = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                    ? $"code {OptionalInt64(error, "code")}: {OptionalString(error, "msg")}" : "status " + status.ToString();
                return new BinanceUserStreamEnded(0, "request refused: " + why);
            }
            var ev = Object(root, "event");
            string type = String(ev, "e");
            return type switch
            {
                "executionReport" => Execution(ev),
                "outboundAccountPosition" => new BinanceAccountEvent([],
                    Array(ev, "B").Select(b => new KeyValuePair<string, decimal>(String(b, "a"), Decimal(b, "f") + Decimal(b, "l"))).ToList(), Int64(ev, "E")),
                "eventStreamTerminated" => new BinanceUserStreamEnded(Int64(ev, "E"), "event stream terminated"),
                _ => new BinanceOtherEvent(type),
            };
        }
    }

    /// <summary>A REST order answer (RESULT or FULL, cancel, query, keep-priority amend, or one open order).</summary>
    public static VenueOrderUpdate OrderAnswer(JsonElement o)
    {
        if (o.ValueKind == JsonValueKind.Object && o.TryGetProperty("amendedOrder", out var amended)) o = amended;
        decimal executed = Decimal(o, "executedQty");
        // Spelled "cummulative" in order answers and "cumulative" in the amend answer.
        decimal quote = o.ValueKind == JsonValueKind.Object && o.TryGetProperty("cummulativeQuoteQty", out _)
            ? Decimal(o, "cummulativeQuoteQty") : OptionalDecimal(o, "cumulativeQuoteQty");
        string id = OptionalString(o, "origClientOrderId") ?? String(o, "clientOrderId");
        decimal quantity = o.ValueKind == JsonValueKind.Object && o.TryGetProperty("origQty", out _) ? Decimal(o, "origQty") : Decimal(o, "qty");
        return new VenueOrderUpdate(id, BinanceOrderStatus.Parse(String(o, "status")), Decimal(o, "price"), quantity, executed,
            executed > 0 ? quote / executed : 0, 0, 0, 0, false, OptionalInt64(o, "updateTime", OptionalInt64(o, "transactTime")))
            { Side = VenueOrderUpdate.ParseSide(OptionalString(o, "side")) };
    }

    /// <summary>
    /// <see cref="OrderAnswer"/>, split per fill when the answer lists them (<c>FULL</c>): each fill an update with the
    /// running cumulative quantity, its own price and commission; the last carries the order's status.
    /// </summary>
    public static IReadOnlyList<VenueOrderUpdate> OrderAnswerFills(JsonElement o)
    {
        var whole = OrderAnswer(o);
        if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("fills", out var fills) || fills.ValueKind != JsonValueKind.Array || fills.GetArrayLength() == 0)
            return [whole];
        var updates = new List<VenueOrderUpdate>(fills.GetArrayLength());
        decimal cumulative = 0, quote = 0;
        int n = fills.GetArrayLength(), i = 0;
        foreach (var f in fills.EnumerateArray())
        {
            decimal qty = Decimal(f, "qty"), price = Decimal(f, "price");
            cumulative += qty;
            quote += qty * price;
            bool last = ++i == n && cumulative >= whole.CumulativeQuantity;
            updates.Add(whole with
            {
                Status = last ? whole.Status : OrderStatus.PartiallyFilled, CumulativeQuantity = cumulative, AveragePrice = quote / cumulative,
                LastQuantity = qty, LastPrice = price, Fee = Decimal(f, "commission"), Maker = false,
            });
        }
        // Fills the list did not hold (it should hold them all): the order's own totals close the gap.
        if (cumulative < whole.CumulativeQuantity) updates.Add(whole);
        return updates;
    }

    private static BinanceOrderEvent Execution(JsonElement e)
    {
        string original = OptionalString(e, "C") ?? "";
        string id = original.Length > 0 ? original : String(e, "c");
        decimal cumulative = Decimal(e, "z");
        decimal quote = OptionalDecimal(e, "Z");
        var update = new VenueOrderUpdate(id, BinanceOrderStatus.Parse(String(e, "X")), Decimal(e, "p"), Decimal(e, "q"), cumulative,
            cumulative > 0 ? quote / cumulative : 0, Decimal(e, "l"), OptionalDecimal(e, "L"), OptionalDecimal(e, "n"), OptionalBool(e, "m"),
            Int64(e, "T"), OptionalString(e, "r") is { } r && r != "NONE" ? r : null);
        return new BinanceOrderEvent(String(e, "s"), update);
    }
}
