using System.Text.Json;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Bybit.Parsing;

/// <summary>
/// Reads Bybit v5's private stream (exchange-protocols 3.3): <c>{"id","topic","creationTime","data":[...]}</c> for the
/// <c>order</c>, <c>execution</c>, <c>position</c> and <c>wallet</c> topics (numbers as strings, private times as
/// strings), and the operation replies. The same order items come from REST queries (<see cref="Order"/>).
/// </summary>
public static class BybitPrivateParser
{
    /// <summary>Parses one frame.</summary>
    /// <exception cref="FormatException">Not a message of the private stream, or a field missing or malformed.</exception>
    public static BybitPrivateMessage Parse(ReadOnlySpan<byte> frame)
    {
        using var doc = ParseObject(frame);
        var root = doc.RootElement;
        try
        {
            if (OptionalString(root, "topic") is not { } topic)
            {
                string op = OptionalString(root, "op") ?? throw new FormatException("neither 'topic' nor 'op'");
                // A pong's answer carries no success flag on the private stream.
                bool success = !root.TryGetProperty("success", out var s) || s.ValueKind != JsonValueKind.False;
                return new BybitOperationReply(op, success, OptionalString(root, "ret_msg") ?? "");
            }
            return topic switch
            {
                "order" or "order.linear" => new BybitOrderMessage(Array(root, "data").Select(Order).ToArray(), FromExecutions: false),
                "execution" or "execution.linear" => new BybitOrderMessage(
                    Array(root, "data").Where(e => OptionalString(e, "execType") is null or "Trade").Select(Execution).ToArray(), FromExecutions: true),
                "position" or "position.linear" => new BybitPositionMessage(
                    Array(root, "data").Select(p => new KeyValuePair<string, decimal>(String(p, "symbol"), SignedSize(p))).ToArray()),
                _ => new BybitIgnoredMessage(topic),
            };
        }
        catch (InvalidOperationException e)
        {
            // A value of the wrong kind where JsonElement expected another.
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>An order item of the <c>order</c> topic or of <c>/v5/order/realtime</c> and <c>/history</c>.</summary>
    /// <exception cref="FormatException">A required field is missing or malformed.</exception>
    public static VenueOrderUpdate Order(JsonElement item)
    {
        string? reject = OptionalString(item, "rejectReason");
        var status = BybitOrderFields.Status(String(item, "orderStatus"), reject);
        return new VenueOrderUpdate(
            ClientOrderId: OptionalString(item, "orderLinkId") ?? "",
            Status: status,
            Price: OptionalDecimal(item, "price"),
            Quantity: OptionalDecimal(item, "qty"),
            CumulativeQuantity: OptionalDecimal(item, "cumExecQty"),
            AveragePrice: OptionalDecimal(item, "avgPrice"),
            LastQuantity: 0,
            LastPrice: 0,
            Fee: OptionalDecimal(item, "cumExecFee"),
            Maker: false,
            TimeMs: OptionalInt64(item, "updatedTime"),
            Reason: reject is null or "EC_NoError" ? null : reject) { Side = VenueOrderUpdate.ParseSide(OptionalString(item, "side")) };
    }

    /// <summary>An item of the <c>execution</c> topic: one fill.</summary>
    /// <exception cref="FormatException">A required field is missing or malformed.</exception>
    public static VenueOrderUpdate Execution(JsonElement item)
    {
        decimal orderQty = Decimal(item, "orderQty"), leaves = Decimal(item, "leavesQty");
        return new VenueOrderUpdate(
            ClientOrderId: OptionalString(item, "orderLinkId") ?? "",
            Status: leaves == 0 ? Core.Orders.OrderStatus.Filled : Core.Orders.OrderStatus.PartiallyFilled,
            Price: OptionalDecimal(item, "orderPrice"),
            Quantity: orderQty,
            CumulativeQuantity: orderQty - leaves,
            AveragePrice: 0,
            LastQuantity: Decimal(item, "execQty"),
            LastPrice: Decimal(item, "execPrice"),
            Fee: OptionalDecimal(item, "execFee"),
            Maker: OptionalBool(item, "isMaker"),
            TimeMs: Int64(item, "execTime"));
    }

    /// <summary>A position item's size with its sign: <c>side</c> <c>Buy</c> long (+), <c>Sell</c> short (−), <c>""</c> flat.</summary>
    public static decimal SignedSize(JsonElement item)
    {
        decimal size = Decimal(item, "size");
        return OptionalString(item, "side") switch
        {
            "Sell" => -size,
            _ => size,
        };
    }
}
