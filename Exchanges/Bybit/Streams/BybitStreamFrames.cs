using System.Globalization;
using System.Text.Json;

namespace Hft.Exchanges.Bybit.Streams;

/// <summary>The requests the gateway sends on Bybit's streams (exchange-protocols 3.2.1, 3.2.2, 3.3.2).</summary>
public static class BybitStreamFrames
{
    /// <summary>The public topics of one instrument: its book at <paramref name="depth"/> and its trades.</summary>
    public static IReadOnlyList<string> PublicTopics(string symbol, int depth) =>
        [string.Create(CultureInfo.InvariantCulture, $"orderbook.{depth}.{symbol}"), "publicTrade." + symbol];

    /// <summary>The private topics: all-in-one, which may not be mixed with the per-category ones in one request.</summary>
    public static IReadOnlyList<string> PrivateTopics { get; } = ["order", "execution", "position", "wallet"];

    /// <summary><c>{"req_id":..,"op":"subscribe","args":[...]}</c>.</summary>
    public static string Subscribe(IReadOnlyList<string> topics, string requestId) => Operation("subscribe", topics, requestId);

    /// <summary><c>{"req_id":..,"op":"unsubscribe","args":[...]}</c>.</summary>
    public static string Unsubscribe(IReadOnlyList<string> topics, string requestId) => Operation("unsubscribe", topics, requestId);

    /// <summary>The client's heartbeat <c>{"req_id":"ping","op":"ping"}</c>; without it Bybit cuts a quiet socket after 10 minutes.</summary>
    public static string Ping { get; } = """{"req_id":"ping","op":"ping"}""";

    private static string Operation(string op, IReadOnlyList<string> args, string requestId) =>
        "{\"req_id\":" + JsonSerializer.Serialize(requestId) + ",\"op\":\"" + op + "\",\"args\":" + JsonSerializer.Serialize(args) + "}";
}
