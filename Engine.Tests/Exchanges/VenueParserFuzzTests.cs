using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hft.Backtest.Conversion;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Binance.Futures.Parsing;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>
/// Mutated fixture payloads (truncated, wrong types, missing and extra fields, huge or negative numbers, wrong nesting)
/// thrown at the futures parsers: the only exception that may come out is <see cref="FormatException"/>, which the
/// gateway counts, logs and answers with a resync.
/// </summary>
public sealed class VenueParserFuzzTests
{
    private static readonly string[] MarketFixtures = ["depthUpdate.json", "trade-raw-captured-2026.json", "trade-combined-captured.json",
        "bookTicker.json", "aggTrade.json", "depth-snapshot.json", "depthUpdate-partial-depth5.json"];

    private static readonly string[] UserFixtures = ["ORDER_TRADE_UPDATE.json", "ACCOUNT_UPDATE.json", "listenKeyExpired.json", "TRADE_LITE.json"];

    private static readonly JsonNode?[] Replacements =
        [null, JsonValue.Create("x"), JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(long.MaxValue), JsonValue.Create(true),
         new JsonArray(), new JsonObject(), JsonValue.Create("-99999999999999999999999999999"), new JsonArray(JsonValue.Create(1))];

    /// <summary>Mutations of one payload, from <paramref name="seed"/>.</summary>
    private static IEnumerable<byte[]> Mutations(string json, int seed, int count)
    {
        var random = new Random(seed);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        for (int k = 0; k < count; k++)
        {
            switch (random.Next(4))
            {
                case 0:
                    yield return bytes[..random.Next(bytes.Length)];
                    break;
                case 1:
                {
                    var copy = (byte[])bytes.Clone();
                    copy[random.Next(copy.Length)] = (byte)random.Next(32, 127);
                    yield return copy;
                    break;
                }
                default:
                {
                    var node = JsonNode.Parse(json)!;
                    Mutate(node, random);
                    yield return Encoding.UTF8.GetBytes(node.ToJsonString());
                    break;
                }
            }
        }
    }

    private static void Mutate(JsonNode node, Random random)
    {
        // Walk to a random container, then change, remove or add one member, or nest it one level deeper.
        var containers = new List<JsonNode>();
        Collect(node, containers);
        var target = containers[random.Next(containers.Count)];
        if (target is JsonObject o && o.Count > 0)
        {
            string key = o.ElementAt(random.Next(o.Count)).Key;
            switch (random.Next(4))
            {
                case 0: o.Remove(key); break;
                case 1: o[key] = Replacements[random.Next(Replacements.Length)]?.DeepClone(); break;
                case 2: o["extra" + random.Next(100)] = Replacements[random.Next(Replacements.Length)]?.DeepClone(); break;
                default:
                    var value = o[key]?.DeepClone();
                    o[key] = new JsonObject { ["inner"] = value };
                    break;
            }
        }
        else if (target is JsonArray a && a.Count > 0)
        {
            a[random.Next(a.Count)] = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> containers)
    {
        containers.Add(node);
        if (node is JsonObject o) foreach (var (_, v) in o) { if (v is JsonObject or JsonArray) Collect(v, containers); }
        if (node is JsonArray a) foreach (var v in a) { if (v is JsonObject or JsonArray) Collect(v!, containers); }
    }

    [Test]
    public void Market_parser_fails_only_with_format_errors([Range(1, 5)] int seed)
    {
        var parser = new BinanceMessageParser(BinanceVenue.Futures);
        var rows = new EventRowStore();
        int bad = 0, total = 0;
        foreach (string name in MarketFixtures)
        {
            string json = ExchangeFixtures.Require("binance-futures/" + name);
            // Bare events as the combined stream wraps them, as the live gateway receives them.
            string framed = JsonNode.Parse(json) is JsonObject o && o.ContainsKey("lastUpdateId") ? json : $"{{\"stream\":\"x\",\"data\":{json}}}";
            foreach (var frame in Mutations(framed, seed * 1000 + name.Length, 200))
            {
                total++;
                rows.Clear();
                try
                {
                    parser.ParseMessage(frame, 1, rows);
                }
                catch (FormatException)
                {
                    bad++;
                    Assert.That(rows.Count, Is.Zero, "a bad message adds no rows");
                }
            }
        }
        Assert.That(bad, Is.GreaterThan(total / 10), "the mutations do break messages");
    }

    [Test]
    public void User_data_parser_fails_only_with_format_errors([Range(1, 5)] int seed)
    {
        int bad = 0, total = 0;
        foreach (string name in UserFixtures)
        {
            string json = ExchangeFixtures.Require("binance-futures/" + name);
            foreach (var frame in Mutations(json, seed * 1000 + name.Length, 200))
            {
                total++;
                try
                {
                    FuturesUserDataParser.Parse(frame);
                }
                catch (FormatException)
                {
                    bad++;
                }
            }
        }
        Assert.That(bad, Is.GreaterThan(total / 10));
    }

    private static readonly string[] SpotMarketFixtures = ["depthUpdate.json", "trade.json", "bookTicker.json", "aggTrade.json", "depth-snapshot.json"];

    private static readonly string[] SpotUserFixtures = ["executionReport.json", "outboundAccountPosition.json", "eventStreamTerminated.json",
        "balanceUpdate.json", "ws-api-userDataStream-subscribe-response.json", "ws-api-error-response.json"];

    [Test]
    public void Spot_parsers_fail_only_with_format_errors([Range(1, 3)] int seed)
    {
        var parser = new BinanceMessageParser(BinanceVenue.Spot);
        var rows = new EventRowStore();
        int bad = 0, total = 0;
        foreach (string name in SpotMarketFixtures)
        {
            string json = ExchangeFixtures.Require("binance-spot/" + name);
            string framed = JsonNode.Parse(json) is JsonObject o && o.ContainsKey("lastUpdateId") ? json : $"{{\"stream\":\"x\",\"data\":{json}}}";
            foreach (var frame in Mutations(framed, seed * 1000 + name.Length, 150))
            {
                total++;
                rows.Clear();
                try { parser.ParseMessage(frame, 1, rows); }
                catch (FormatException) { bad++; }
            }
        }
        foreach (string name in SpotUserFixtures)
        {
            string json = ExchangeFixtures.Require("binance-spot/" + name);
            foreach (var frame in Mutations(json, seed * 7000 + name.Length, 150))
            {
                total++;
                try { Hft.Exchanges.Binance.Spot.Parsing.SpotUserDataParser.Parse(frame); }
                catch (FormatException) { bad++; }
            }
        }
        Assert.That(bad, Is.GreaterThan(total / 10));
    }

    [Test]
    public void Order_answers_fail_only_with_format_errors()
    {
        string json = ExchangeFixtures.Require("binance-futures/rest-new-order-response.json");
        foreach (var frame in Mutations(json, 7, 500))
        {
            try
            {
                using var doc = JsonDocument.Parse(frame);
                FuturesUserDataParser.OrderResponse(doc.RootElement);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
            }
        }
    }

    private static readonly string[] BybitMarketFixtures = ["orderbook-snapshot.json", "orderbook-delta.json", "publicTrade.json",
        "ws-pong-public-linear.json", "ws-subscribe-response-public-linear.json"];

    private static readonly string[] BybitPrivateFixtures = ["order-topic-option-example.json", "execution.json", "position.json", "wallet.json",
        "ws-auth-response.json", "ws-pong-private.json", "ws-subscribe-response-private.json"];

    [Test]
    public void Bybit_parsers_fail_only_with_format_errors([Range(1, 3)] int seed)
    {
        var parser = new Hft.Backtest.Conversion.Bybit.BybitMessageParser();
        var rows = new EventRowStore();
        int bad = 0, total = 0;
        foreach (string name in BybitMarketFixtures)
        {
            string json = ExchangeFixtures.Require("bybit/" + name);
            foreach (var frame in Mutations(json, seed * 1000 + name.Length, 150))
            {
                total++;
                rows.Clear();
                try
                {
                    parser.ParseMessage(frame, 1, rows);
                }
                catch (FormatException)
                {
                    bad++;
                    Assert.That(rows.Count, Is.Zero, "a bad message adds no rows");
                }
            }
        }
        foreach (string name in BybitPrivateFixtures)
        {
            string json = ExchangeFixtures.Require("bybit/" + name);
            foreach (var frame in Mutations(json, seed * 7000 + name.Length, 150))
            {
                total++;
                try { Hft.Exchanges.Bybit.Parsing.BybitPrivateParser.Parse(frame); }
                catch (FormatException) { bad++; }
            }
        }
        Assert.That(bad, Is.GreaterThan(total / 10));
    }
}
