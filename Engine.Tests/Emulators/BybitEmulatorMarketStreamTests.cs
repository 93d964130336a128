using System.Net.WebSockets;
using System.Text.Json;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// The Bybit emulator's public linear stream (exchange-protocols 3.2): control replies, a snapshot on subscribe then deltas
/// with <c>u</c> one past the last, the linear field order, trades, and the book faults (gap, <c>u = 1</c> reset, disconnect).
/// </summary>
[TestFixture]
public sealed class BybitEmulatorMarketStreamTests
{
    private static async Task<TestSocket> Subscribe(BybitEmulatorSession s, string topic, string reqId = "r1")
    {
        var ws = await s.PublicAsync();
        await ws.SendAsync($"{{\"req_id\":\"{reqId}\",\"op\":\"subscribe\",\"args\":[\"{topic}\"]}}");
        var reply = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(reply.GetProperty("success").GetBoolean(), Is.True, reply.ToString());
        Assert.That(reply.GetProperty("ret_msg").GetString(), Is.EqualTo(""));
        Assert.That(reply.GetProperty("req_id").GetString(), Is.EqualTo(reqId));
        Assert.That(reply.GetProperty("op").GetString(), Is.EqualTo("subscribe"));
        Assert.That(reply.GetProperty("conn_id").GetString(), Is.Not.Empty);
        return ws;
    }

    private static async Task<List<JsonElement>> Book(TestSocket ws, string topic, int count)
    {
        var list = new List<JsonElement>();
        while (list.Count < count) list.Add(await BybitEmulatorSession.WaitTopicAsync(ws, topic));
        return list;
    }

    private static long U(JsonElement f) => f.GetProperty("data").GetProperty("u").GetInt64();

    [Test]
    public async Task Subscribe_gives_a_snapshot_then_deltas_with_u_plus_one_and_ping_gives_the_linear_pong()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        await s.TopAsync();
        string topic = $"orderbook.50.{s.Symbol}";
        var ws = await Subscribe(s, topic);
        var frames = await Book(ws, topic, 30);
        Assert.That(frames[0].GetProperty("type").GetString(), Is.EqualTo("snapshot"));
        var bids = frames[0].GetProperty("data").GetProperty("b");
        var asks = frames[0].GetProperty("data").GetProperty("a");
        Assert.That(bids.GetArrayLength(), Is.InRange(1, 50));
        Assert.That(asks.GetArrayLength(), Is.InRange(1, 50));
        // A snapshot: bids descending, asks ascending, no deleted levels, and the book is not crossed.
        var bidPrices = bids.EnumerateArray().Select(l => decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var askPrices = asks.EnumerateArray().Select(l => decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(bidPrices, Is.Ordered.Descending);
        Assert.That(askPrices, Is.Ordered.Ascending);
        Assert.That(bidPrices[0], Is.LessThan(askPrices[0]));
        Assert.That(bids.EnumerateArray().Concat(asks.EnumerateArray()).All(l => l[1].GetString() != "0"), Is.True);
        // Field order of linear 50: topic, type, ts, data, cts.
        Assert.That(frames[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "topic", "type", "ts", "data", "cts" }));
        Assert.That(frames[1].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "topic", "type", "ts", "data", "cts" }));
        Assert.That(frames[1].GetProperty("data").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "s", "b", "a", "u", "seq" }));
        for (int i = 1; i < frames.Count; i++)
        {
            Assert.That(frames[i].GetProperty("type").GetString(), Is.EqualTo("delta"));
            Assert.That(U(frames[i]), Is.EqualTo(U(frames[i - 1]) + 1), $"message {i}");
            Assert.That(frames[i].GetProperty("data").GetProperty("seq").GetInt64(), Is.GreaterThan(frames[i - 1].GetProperty("data").GetProperty("seq").GetInt64()));
            foreach (var level in frames[i].GetProperty("data").GetProperty("b").EnumerateArray().Concat(frames[i].GetProperty("data").GetProperty("a").EnumerateArray()))
            {
                Assert.That(level[0].ValueKind, Is.EqualTo(JsonValueKind.String));
                Assert.That(level[1].ValueKind, Is.EqualTo(JsonValueKind.String));
            }
        }
        await ws.SendAsync("{\"req_id\":\"p1\",\"op\":\"ping\"}");
        var pong = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(pong.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(pong.GetProperty("ret_msg").GetString(), Is.EqualTo("pong"));
        Assert.That(pong.GetProperty("op").GetString(), Is.EqualTo("ping"), "linear public pong keeps op \"ping\"");
        Assert.That(pong.GetProperty("req_id").GetString(), Is.EqualTo("p1"));
    }

    [Test]
    public async Task Resubscribing_gives_a_fresh_snapshot_and_a_bad_topic_or_op_is_refused()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        string topic = $"orderbook.200.{s.Symbol}";
        var ws = await Subscribe(s, topic);
        await Book(ws, topic, 5);
        await ws.SendAsync($"{{\"req_id\":\"u1\",\"op\":\"unsubscribe\",\"args\":[\"{topic}\"]}}");
        var unsub = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That((unsub.GetProperty("op").GetString(), unsub.GetProperty("success").GetBoolean(), unsub.GetProperty("req_id").GetString()), Is.EqualTo(("unsubscribe", true, "u1")));
        await ws.SendAsync($"{{\"req_id\":\"r2\",\"op\":\"subscribe\",\"args\":[\"{topic}\"]}}");
        var snapshot = await BybitEmulatorSession.WaitTopicAsync(ws, topic, f => f.GetProperty("type").GetString() == "snapshot");
        var next = await BybitEmulatorSession.WaitTopicAsync(ws, topic);
        Assert.That(next.GetProperty("type").GetString(), Is.EqualTo("delta"));
        Assert.That(U(next), Is.EqualTo(U(snapshot) + 1));

        await ws.SendAsync("{\"req_id\":\"x\",\"op\":\"subscribe\",\"args\":[\"orderbook.7.NOPE\"]}");
        var refused = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(refused.GetProperty("success").GetBoolean(), Is.False, refused.ToString());
        Assert.That(refused.GetProperty("ret_msg").GetString(), Does.Contain("orderbook.7.NOPE"));
        Assert.That(refused.GetProperty("req_id").GetString(), Is.EqualTo("x"));

        await ws.SendAsync("{\"req_id\":\"y\",\"op\":\"dance\"}");
        var unknown = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(unknown.GetProperty("success").GetBoolean(), Is.False, unknown.ToString());
        Assert.That(unknown.GetProperty("ret_msg").GetString(), Does.Contain("dance"));

        await ws.SendAsync("not json");
        var notJson = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(notJson.GetProperty("success").GetBoolean(), Is.False, notJson.ToString());
    }

    [Test]
    public async Task Each_depth_asked_for_is_served_under_its_own_topic_with_its_own_snapshot()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        await s.TopAsync();
        // The gateway's parser keeps only orderbook.{Depth} frames, so a client asking for 200 must get frames labelled 200.
        string t200 = $"orderbook.200.{s.Symbol}";
        var ws = await Subscribe(s, t200);
        var frames = new List<JsonElement>();
        for (int i = 0; i < 20; i++) frames.Add(await ws.ReceiveAsync(10000) ?? throw new AssertionException("no book frame"));
        Assert.That(frames.Select(f => f.GetProperty("topic").GetString()), Is.All.EqualTo(t200));
        Assert.That(frames[0].GetProperty("type").GetString(), Is.EqualTo("snapshot"));
        for (int i = 1; i < frames.Count; i++) Assert.That(U(frames[i]), Is.EqualTo(U(frames[i - 1]) + 1), $"message {i}");

        // Two depths on one socket: a snapshot for each, then each delta under both topics with the same u.
        string t50 = $"orderbook.50.{s.Symbol}", t1000 = $"orderbook.1000.{s.Symbol}";
        var both = await s.PublicAsync();
        await both.SendAsync($"{{\"req_id\":\"b\",\"op\":\"subscribe\",\"args\":[\"{t50}\",\"{t1000}\"]}}");
        Assert.That((await BybitEmulatorSession.ReplyAsync(both)).GetProperty("success").GetBoolean(), Is.True);
        var seen = new List<JsonElement>();
        for (int i = 0; i < 12; i++) seen.Add(await both.ReceiveAsync(10000) ?? throw new AssertionException("no book frame"));
        Assert.That(seen.Take(2).Select(f => (f.GetProperty("topic").GetString(), f.GetProperty("type").GetString())),
            Is.EquivalentTo(new[] { (t50, "snapshot"), (t1000, "snapshot") }));
        var by50 = seen.Where(f => f.GetProperty("topic").GetString() == t50).Select(U).ToList();
        var by1000 = seen.Where(f => f.GetProperty("topic").GetString() == t1000).Select(U).ToList();
        Assert.That(by50.Count + by1000.Count, Is.EqualTo(seen.Count), "only the two topics");
        Assert.That(by50.Take(by1000.Count), Is.EqualTo(by1000.Take(by50.Count)), "the same book under both names");

        // Unsubscribing one depth leaves the other.
        await both.SendAsync($"{{\"req_id\":\"u\",\"op\":\"unsubscribe\",\"args\":[\"{t1000}\"]}}");
        await BybitEmulatorSession.ReplyAsync(both);
        var later = new List<JsonElement>();
        for (int i = 0; i < 10; i++) later.Add(await both.ReceiveAsync(10000) ?? throw new AssertionException("no book frame"));
        Assert.That(later.Skip(2).Select(f => f.GetProperty("topic").GetString()), Is.All.EqualTo(t50), "frames queued before the unsubscribe may still arrive");
    }

    [Test]
    public async Task Gap_fault_skips_an_update_id_and_reset_fault_restarts_u_at_one_with_the_whole_book()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        await s.TopAsync();
        string topic = $"orderbook.50.{s.Symbol}";
        var ws = await Subscribe(s, topic);
        long previous = U((await Book(ws, topic, 3))[^1]);
        await s.FaultsAsync("{\"gap\":1}");
        bool jumped = false;
        for (int i = 0; i < 5000 && !jumped; i++)
        {
            long u = U(await BybitEmulatorSession.WaitTopicAsync(ws, topic));
            Assert.That(u - previous, Is.InRange(1, 2), "one gap skips exactly one u");
            jumped = u - previous == 2;
            previous = u;
        }
        Assert.That(jumped, Is.True, "no u jump after the gap fault; state: " + await s.Http.GetStringAsync("/admin/state?levels=1"));
        // One gap only: the deltas after it are contiguous again.
        foreach (var f in await Book(ws, topic, 10))
        {
            Assert.That(U(f), Is.EqualTo(previous + 1));
            previous = U(f);
        }

        await s.FaultsAsync("{\"reset\":1}");
        var reset = await BybitEmulatorSession.WaitTopicAsync(ws, topic, f => U(f) == 1);
        Assert.That(reset.GetProperty("type").GetString(), Is.EqualTo("snapshot"));
        Assert.That(reset.GetProperty("data").GetProperty("b").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(reset.GetProperty("data").GetProperty("a").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(reset.GetProperty("data").GetProperty("b").EnumerateArray().All(l => l[1].GetString() != "0"), Is.True);
        var after = await BybitEmulatorSession.WaitTopicAsync(ws, topic);
        Assert.That((after.GetProperty("type").GetString(), U(after)), Is.EqualTo(("delta", 2L)));

        var state = await s.StateAsync(5);
        Assert.That(state.GetProperty("venue").GetString(), Is.EqualTo("bybit"));
        Assert.That(state.GetProperty("bids").GetArrayLength(), Is.InRange(1, 5));
        Assert.That(state.GetProperty("last_update_id").GetInt64(), Is.GreaterThanOrEqualTo(2));
        Assert.That(state.GetProperty("market_connections").GetInt32(), Is.EqualTo(1));
        var faults = state.GetProperty("summary").GetProperty("faults_injected");
        Assert.That(faults.GetProperty("gap").GetInt64(), Is.EqualTo(1));
        Assert.That(faults.GetProperty("reset").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Public_trades_carry_the_documented_fields_and_disconnect_drops_the_socket()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        string topic = $"publicTrade.{s.Symbol}";
        var ws = await Subscribe(s, topic);
        var frame = await BybitEmulatorSession.WaitTopicAsync(ws, topic, timeoutMs: 15000);
        Assert.That(frame.GetProperty("type").GetString(), Is.EqualTo("snapshot"));
        var trade = frame.GetProperty("data")[0];
        Assert.That(trade.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "T", "s", "S", "v", "p", "L", "i", "BT", "seq" }));
        Assert.That(trade.GetProperty("s").GetString(), Is.EqualTo(s.Symbol));
        Assert.That(trade.GetProperty("S").GetString(), Is.AnyOf("Buy", "Sell"));
        Assert.That(trade.GetProperty("L").GetString(), Is.AnyOf("PlusTick", "ZeroPlusTick", "MinusTick", "ZeroMinusTick"));
        Assert.That(trade.GetProperty("i").GetString(), Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        Assert.That(trade.GetProperty("T").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(trade.GetProperty("p").ValueKind, Is.EqualTo(JsonValueKind.String));
        // No book frames on a trades-only subscription.
        for (int i = 0; i < 20; i++)
        {
            var f = await ws.ReceiveAsync(15000) ?? throw new AssertionException("no trades frame");
            Assert.That(f.GetProperty("topic").GetString(), Is.EqualTo(topic));
        }

        await s.FaultsAsync("{\"disconnect\":true}");
        bool ended = false;
        for (int i = 0; i < 10_000 && !ended; i++) ended = await ws.ReceiveAsync(5000) is null;
        Assert.That(ended, Is.True);
        Assert.That(ws.State, Is.Not.EqualTo(WebSocketState.Open));
        Assert.That(s.Emulator.Report().FaultsInjected["disconnect"], Is.EqualTo(1));
    }
}
