using System.Text;
using System.Text.Json;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Binance.Futures.Parsing;

/// <summary>
/// Reads the futures user-data stream (exchange-protocols 1.4): bare events on <c>/private/ws</c>, or wrapped in
/// <c>{"stream","data"}</c> on <c>/private/stream</c>. Keys are case-sensitive and nested: the top-level <c>o</c> is the
/// order object and the <c>o</c> inside it the order type; <c>T</c> is the transaction time outside and the trade time
/// inside.
/// </summary>
public static class FuturesUserDataParser
{
    /// <summary>Parses one frame.</summary>
    /// <exception cref="FormatException">Not a user-data event, or a field the engine needs is missing or of the wrong type.</exception>
    public static BinanceUserEvent Parse(ReadOnlySpan<byte> frame)
    {
        using (var doc = ParseObject(frame))
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object) root = data;
            string type = String(root, "e");
            return type switch
            {
                "ORDER_TRADE_UPDATE" => Order(root),
                "ACCOUNT_UPDATE" => Account(root),
                "listenKeyExpired" => new BinanceUserStreamEnded(Int64(root, "E"), "listen key expired"),
                _ => new BinanceOtherEvent(type),
            };
        }
    }

    /// <summary>Parses a REST order answer (new, cancel, modify, query, or one item of open orders).</summary>
    public static (string Symbol, VenueOrderUpdate Update) OrderResponse(JsonElement o)
    {
        decimal executed = Decimal(o, "executedQty");
        return (String(o, "symbol"), new VenueOrderUpdate(
            String(o, "clientOrderId"), BinanceOrderStatus.Parse(String(o, "status")), Decimal(o, "price"), Decimal(o, "origQty"),
            executed, OptionalDecimal(o, "avgPrice"), 0, 0, 0, false, OptionalInt64(o, "updateTime"))
            { Side = VenueOrderUpdate.ParseSide(OptionalString(o, "side")) });
    }

    private static BinanceOrderEvent Order(JsonElement root)
    {
        var o = Object(root, "o");
        // The venue's n is negative for a charge; the engine's fee is positive for a cost.
        decimal commission = OptionalDecimal(o, "n");
        var update = new VenueOrderUpdate(
            String(o, "c"), BinanceOrderStatus.Parse(String(o, "X")), Decimal(o, "p"), Decimal(o, "q"), Decimal(o, "z"),
            OptionalDecimal(o, "ap"), Decimal(o, "l"), OptionalDecimal(o, "L"), -commission, OptionalBool(o, "m"),
            Int64(root, "T"), ExpiryReason(OptionalString(o, "er")));
        return new BinanceOrderEvent(String(o, "s"), update);
    }

    private static BinanceAccountEvent Account(JsonElement root)
    {
        var a = Object(root, "a");
        var positions = new List<KeyValuePair<string, decimal>>();
        foreach (var p in Array(a, "P"))
        {
            // Hedge mode reports LONG and SHORT legs; the engine trades one-way (BOTH), which is the signed net.
            string side = OptionalString(p, "ps") ?? "BOTH";
            if (side == "BOTH") positions.Add(new(String(p, "s"), Decimal(p, "pa")));
        }
        var balances = Array(a, "B").Select(b => new KeyValuePair<string, decimal>(String(b, "a"), Decimal(b, "wb"))).ToList();
        return new BinanceAccountEvent(positions, balances, Int64(root, "T"));
    }

    private static string? ExpiryReason(string? er) => er switch
    {
        null or "0" => null,
        "1" => "expired by self-trade prevention",
        "2" => "IOC not fully filled, remainder cancelled",
        "3" => "IOC remainder cancelled by self-trade prevention",
        "4" => "reduce-only order knocked out",
        "5" => "expired during account liquidation",
        "6" => "GTE condition not met",
        "7" => "symbol delisted",
        "8" => "cancelled after its TP/SL triggered",
        "9" => "market order could not be fully filled",
        _ => "expiry reason " + er,
    };
}
