using System.Globalization;
using System.Text.Json;
using Hft.Engine.Tests.Conversion;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// The Bybit emulator's best-bid/ask topics (exchange-protocols 3.2.3, 3.2.4 rule 5, 3.2.6): <c>tickers.{symbol}</c> (a
/// snapshot in the fixture's shape, then deltas of the changed fields about every 100 ms of replay time while the top or
/// the last price changed) and <c>orderbook.1.{symbol}</c> (snapshot-only, <c>ts</c> before <c>type</c>, the same snapshot
/// with the same <c>u</c> again after 3 s without change), both carrying the emulator's published book.
/// </summary>
[TestFixture]
public sealed class BybitEmulatorTopOfBookTests
{
    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    private static long U(JsonElement f) => f.GetProperty("data").GetProperty("u").GetInt64();

    private static JsonElement Fixture(string name)
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("bybit/" + name));
        return doc.RootElement.Clone();
    }

    private static async Task<TestSocket> Subscribe(BybitEmulatorSession s, params string[] topics)
    {
        var ws = await s.PublicAsync();
        await ws.SendAsync($"{{\"req_id\":\"t\",\"op\":\"subscribe\",\"args\":[{string.Join(",", topics.Select(t => $"\"{t}\""))}]}}");
        var reply = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(reply.GetProperty("success").GetBoolean(), Is.True, reply.ToString());
        return ws;
    }

    /// <summary>Every frame until none came for <paramref name="quietMs"/> (at most 5 s of them: a stream that never goes quiet fails).</summary>
    private static async Task<List<JsonElement>> Drain(TestSocket ws, int quietMs = 400)
    {
        var frames = new List<JsonElement>();
        var deadline = Environment.TickCount64 + 5000;
        while (await ws.ReceiveAsync(quietMs) is { } f)
        {
            frames.Add(f);
            if (Environment.TickCount64 > deadline) throw new AssertionException("the stream never went quiet: " + string.Join(" | ", frames.TakeLast(3)));
        }
        return frames;
    }

    private static async Task Pause(BybitEmulatorSession s)
    {
        await s.FaultsAsync("{\"pause_ms\":60000}");
        // The pause holds the replay from its next batch on, and a last push may follow the last change.
        await Task.Delay(300);
    }

    private static (string Price, string Size) Level(JsonElement levels) => (levels[0].GetString()!, levels[1].GetString()!);

    [Test]
    public async Task Ticker_snapshot_has_the_fixture_envelope_fields_order_and_types_and_the_published_top_and_last_price()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        await s.TopAsync();
        // Let trades happen so that lastPrice is known.
        for (int i = 0; i < 200 && (await s.StateAsync(1)).GetProperty("last_price").GetString() == ""; i++) await Task.Delay(20);
        await Pause(s);
        string topic = $"tickers.{s.Symbol}";
        var ws = await Subscribe(s, topic);
        var snapshot = await BybitEmulatorSession.WaitTopicAsync(ws, topic);
        var fixture = Fixture("tickers-linear-snapshot.json");
        Assert.That(Keys(snapshot), Is.EqualTo(Keys(fixture)), "topic, type, data, cs, ts");
        Assert.That(Keys(snapshot.GetProperty("data")), Is.EqualTo(Keys(fixture.GetProperty("data"))), "the linear ticker's fields in the fixture's order");
        Assert.That(snapshot.GetProperty("data").EnumerateObject().Select(p => p.Value.ValueKind), Is.All.EqualTo(JsonValueKind.String));
        Assert.That((snapshot.GetProperty("cs").ValueKind, snapshot.GetProperty("ts").ValueKind), Is.EqualTo((JsonValueKind.Number, JsonValueKind.Number)));
        Assert.That(Str(snapshot, "type"), Is.EqualTo("snapshot"));
        Assert.That(Math.Abs(snapshot.GetProperty("ts").GetInt64() - s.Now), Is.LessThan(5000));

        var data = snapshot.GetProperty("data");
        var state = await s.StateAsync(1);
        Assert.That(Str(data, "symbol"), Is.EqualTo(s.Symbol));
        Assert.That((Str(data, "bid1Price"), Str(data, "bid1Size")), Is.EqualTo(Level(state.GetProperty("bids")[0])));
        Assert.That((Str(data, "ask1Price"), Str(data, "ask1Size")), Is.EqualTo(Level(state.GetProperty("asks")[0])));
        Assert.That(Str(data, "lastPrice"), Is.EqualTo(state.GetProperty("last_price").GetString()).And.Not.Empty);
        decimal high = decimal.Parse(Str(data, "highPrice24h"), CultureInfo.InvariantCulture), low = decimal.Parse(Str(data, "lowPrice24h"), CultureInfo.InvariantCulture);
        Assert.That(decimal.Parse(Str(data, "lastPrice"), CultureInfo.InvariantCulture), Is.InRange(low, high));
        Assert.That(decimal.Parse(Str(data, "volume24h"), CultureInfo.InvariantCulture), Is.GreaterThan(0));
        Assert.That(Str(data, "tickDirection"), Is.AnyOf("PlusTick", "ZeroPlusTick", "MinusTick", "ZeroMinusTick"));

        // Paused: nothing changes, so no delta follows.
        var after = await Drain(ws, 1000);
        Assert.That(after, Is.Empty, "a delta while nothing changed: " + string.Join(" | ", after));
    }

    [Test]
    public async Task Ticker_deltas_carry_only_changed_fields_and_merged_into_the_snapshot_give_the_published_top()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        await s.TopAsync();
        string topic = $"tickers.{s.Symbol}";
        var ws = await Subscribe(s, topic);
        var snapshot = await BybitEmulatorSession.WaitTopicAsync(ws, topic);
        var merged = snapshot.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var order = Keys(snapshot.GetProperty("data")).ToList();
        var deltas = new List<JsonElement>();
        while (deltas.Count < 20) deltas.Add(await BybitEmulatorSession.WaitTopicAsync(ws, topic));
        await Pause(s);
        deltas.AddRange((await Drain(ws)).Where(f => Str(f, "topic") == topic));
        long previousCs = snapshot.GetProperty("cs").GetInt64();
        foreach (var d in deltas)
        {
            Assert.That(Str(d, "type"), Is.EqualTo("delta"));
            Assert.That(Keys(d), Is.EqualTo(new[] { "topic", "type", "data", "cs", "ts" }));
            var keys = Keys(d.GetProperty("data"));
            Assert.That(keys[0], Is.EqualTo("symbol"));
            Assert.That(keys.Length, Is.LessThan(order.Count), "a delta is not the whole ticker: " + d);
            Assert.That(keys.Select(k => order.IndexOf(k)), Is.Ordered.And.All.GreaterThanOrEqualTo(0), "known fields in the snapshot's order");
            foreach (var p in d.GetProperty("data").EnumerateObject().Skip(1))
            {
                Assert.That(p.Value.GetString(), Is.Not.EqualTo(merged[p.Name]), $"{p.Name} is in the delta but did not change: {d}");
                merged[p.Name] = p.Value.GetString()!;
            }
            Assert.That(keys.Intersect(new[] { "bid1Price", "bid1Size", "ask1Price", "ask1Size", "lastPrice" }), Is.Not.Empty,
                "a delta is pushed only when the top or the last price changed: " + d);
            Assert.That(d.GetProperty("cs").GetInt64(), Is.GreaterThan(previousCs));
            previousCs = d.GetProperty("cs").GetInt64();
        }
        var state = await s.StateAsync(1);
        Assert.That((merged["bid1Price"], merged["bid1Size"]), Is.EqualTo(Level(state.GetProperty("bids")[0])));
        Assert.That((merged["ask1Price"], merged["ask1Size"]), Is.EqualTo(Level(state.GetProperty("asks")[0])));
        Assert.That(merged["lastPrice"], Is.EqualTo(state.GetProperty("last_price").GetString()));
    }

    [Test]
    public async Task Ticker_deltas_come_about_every_100_ms_of_replay_time()
    {
        // Speed 1: replay time is wall time, so the push interval shows in the messages' ts.
        await using var s = await BybitEmulatorSession.StartAsync(o => o with { Speed = 1 });
        await s.TopAsync();
        string topic = $"tickers.{s.Symbol}";
        var ws = await Subscribe(s, topic);
        await BybitEmulatorSession.WaitTopicAsync(ws, topic);
        var ts = new List<long>();
        while (ts.Count < 15) ts.Add((await BybitEmulatorSession.WaitTopicAsync(ws, topic)).GetProperty("ts").GetInt64());
        var gaps = ts.Zip(ts.Skip(1), (a, b) => b - a).ToList();
        // A late replay batch can bunch two pushes on the wall clock, so the span and the median are what is asserted:
        // 14 intervals of at least 100 ms of replay time, and most of them about 100 ms.
        Assert.That(ts[^1] - ts[0], Is.GreaterThanOrEqualTo(14 * 100 - 200), "gaps: " + string.Join(",", gaps));
        Assert.That(gaps.OrderBy(g => g).ElementAt(gaps.Count / 2), Is.InRange(80, 250), "median gap; gaps: " + string.Join(",", gaps));
    }

    [Test]
    public async Task Level_one_is_snapshot_only_with_ts_before_type_the_top_of_the_book_and_u_plus_one_per_new_state()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        await s.TopAsync();
        string l1 = $"orderbook.1.{s.Symbol}", l50 = $"orderbook.50.{s.Symbol}";
        var ws = await Subscribe(s, l1, l50);
        var frames = new List<JsonElement>();
        while (frames.Count(f => Str(f, "topic") == l1) < 30) frames.Add(await ws.ReceiveAsync(10000) ?? throw new AssertionException("no frame"));
        var level1 = frames.Where(f => Str(f, "topic") == l1).ToList();
        var deep = frames.Where(f => Str(f, "topic") == l50).ToList();
        Assert.That(deep.Count, Is.GreaterThan(1), "depth 50 keeps its own stream");
        Assert.That(deep.Skip(1).Select(f => Str(f, "type")), Is.All.EqualTo("delta"), "depth 50 keeps its deltas");
        for (int i = 0; i < level1.Count; i++)
        {
            var f = level1[i];
            Assert.That(Keys(f), Is.EqualTo(new[] { "topic", "ts", "type", "data", "cts" }), "linear level 1 puts ts before type");
            Assert.That(Keys(f.GetProperty("data")), Is.EqualTo(new[] { "s", "b", "a", "u", "seq" }));
            Assert.That(Str(f, "type"), Is.EqualTo("snapshot"), $"level 1 message {i}");
            Assert.That(f.GetProperty("data").GetProperty("b").GetArrayLength(), Is.LessThanOrEqualTo(1));
            Assert.That(f.GetProperty("data").GetProperty("a").GetArrayLength(), Is.LessThanOrEqualTo(1));
            if (i == 0) continue;
            var (before, now) = (level1[i - 1].GetProperty("data"), f.GetProperty("data"));
            bool same = before.GetProperty("b").ToString() == now.GetProperty("b").ToString() && before.GetProperty("a").ToString() == now.GetProperty("a").ToString();
            Assert.That(U(f), Is.EqualTo(same ? U(level1[i - 1]) : U(level1[i - 1]) + 1), $"level 1 message {i}: {f}");
        }
        Assert.That(U(level1[^1]), Is.GreaterThan(U(level1[0])), "the top moved during the replay");

        // Held still, level 1 is the published book's top: once it repeats itself (same u), it has caught up.
        await Pause(s);
        await ws.SendAsync($"{{\"req_id\":\"u\",\"op\":\"unsubscribe\",\"args\":[\"{l50}\"]}}");
        JsonElement? last = null, stable = null;
        var deadline = Environment.TickCount64 + 20000;
        while (stable is null && Environment.TickCount64 < deadline)
        {
            var f = await ws.ReceiveAsync(5000) ?? throw new AssertionException("no level-1 frame while paused");
            if (!f.TryGetProperty("topic", out var t) || t.GetString() != l1) continue;
            if (last is { } l && U(l) == U(f)) stable = f;
            last = f;
        }
        var snapshot = stable ?? throw new AssertionException("level 1 never repeated itself while paused");
        var state = await s.StateAsync(1);
        Assert.That(Level(snapshot.GetProperty("data").GetProperty("b")[0]), Is.EqualTo(Level(state.GetProperty("bids")[0])));
        Assert.That(Level(snapshot.GetProperty("data").GetProperty("a")[0]), Is.EqualTo(Level(state.GetProperty("asks")[0])));
    }

    [Test]
    public async Task Level_one_repeats_the_same_snapshot_with_the_same_u_after_3_s_of_replay_time_without_change()
    {
        // Speed 10: 3 s of replay time are 300 ms.
        await using var s = await BybitEmulatorSession.StartAsync(o => o with { Speed = 10 });
        await s.TopAsync();
        await Pause(s);
        string l1 = $"orderbook.1.{s.Symbol}";
        var ws = await Subscribe(s, l1);
        var first = await BybitEmulatorSession.WaitTopicAsync(ws, l1);
        var repeats = new List<JsonElement>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (repeats.Count < 5) repeats.Add(await BybitEmulatorSession.WaitTopicAsync(ws, l1, timeoutMs: 3000));
        Assert.That(watch.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(4 * 250), "five repeats take at least 4 x 300 ms");
        long previousTs = first.GetProperty("ts").GetInt64();
        for (int i = 0; i < repeats.Count; i++)
        {
            var r = repeats[i];
            Assert.That(Str(r, "type"), Is.EqualTo("snapshot"));
            Assert.That(U(r), Is.EqualTo(U(first)), "the same u");
            Assert.That(r.GetProperty("data").ToString(), Is.EqualTo(first.GetProperty("data").ToString()), "the same snapshot");
            Assert.That(r.GetProperty("cts").GetInt64(), Is.EqualTo(first.GetProperty("cts").GetInt64()), "the same book state");
            long gap = r.GetProperty("ts").GetInt64() - previousTs;
            // The topic's repeat timer runs from its last push, not from the answer to this socket's subscribe.
            // The upper bound leaves room for a loaded machine; the lower one is the rule (never sooner than 3 s).
            if (i == 0) Assert.That(gap, Is.LessThanOrEqualTo(600), "the first repeat comes within 3 s of replay time");
            else Assert.That(gap, Is.InRange(250, 600), "3 s of replay time at speed 10 between repeats, no sooner");
            previousTs = r.GetProperty("ts").GetInt64();
        }
        var state = await s.StateAsync(1);
        Assert.That(Level(first.GetProperty("data").GetProperty("b")[0]), Is.EqualTo(Level(state.GetProperty("bids")[0])));
    }

    [Test]
    public async Task A_reset_restarts_level_one_u_at_one()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        await s.TopAsync();
        string l1 = $"orderbook.1.{s.Symbol}";
        var ws = await Subscribe(s, l1);
        Assert.That(U(await BybitEmulatorSession.WaitTopicAsync(ws, l1)), Is.GreaterThan(1));
        await s.FaultsAsync("{\"reset\":1}");
        var reset = await BybitEmulatorSession.WaitTopicAsync(ws, l1, f => U(f) == 1);
        Assert.That(Str(reset, "type"), Is.EqualTo("snapshot"));
        var next = await BybitEmulatorSession.WaitTopicAsync(ws, l1, f => U(f) != 1);
        Assert.That(U(next), Is.EqualTo(2));
    }
}
