using System.Globalization;
using System.Text.Json;

namespace Hft.Engine.Tests.Emulators;

/// <summary>The market streams: subscription replies, routing, depth id chaining, and the book sync of section 1.3.</summary>
[TestFixture]
public sealed class BinanceFuturesMarketStreamTests
{
    [Test]
    public async Task Subscribe_ack_echoes_the_id_with_its_json_type_and_list_shows_the_streams()
    {
        await using var s = await EmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/public/ws");
        await EmulatorSession.SendAsync(ws, """{"method":"SUBSCRIBE","params":["simusdt@bookTicker"],"id":1}""");
        var ack = await EmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("id", out _));
        Assert.That(ack!.Value.GetRawText(), Is.EqualTo("""{"result":null,"id":1}"""));
        await EmulatorSession.SendAsync(ws, """{"method":"SUBSCRIBE","params":["simusdt@depth@0ms"],"id":"aB3dEf9hIjK1mN0p"}""");
        ack = await EmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("id", out _));
        Assert.That(ack!.Value.GetRawText(), Is.EqualTo("""{"result":null,"id":"aB3dEf9hIjK1mN0p"}"""));
        await EmulatorSession.SendAsync(ws, """{"method":"LIST_SUBSCRIPTIONS","id":3}""");
        ack = await EmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("id", out _));
        Assert.That(ack!.Value.GetRawText(), Is.EqualTo("""{"result":["simusdt@bookTicker","simusdt@depth@0ms"],"id":3}"""));
        await EmulatorSession.SendAsync(ws, """{"method":"UNSUBSCRIBE","params":["simusdt@depth@0ms"],"id":312}""");
        ack = await EmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("id", out _));
        Assert.That(ack!.Value.GetRawText(), Is.EqualTo("""{"result":null,"id":312}"""));
        await EmulatorSession.SendAsync(ws, "not json");
        ack = await EmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("code", out _));
        Assert.That(ack!.Value.GetProperty("code").GetInt32(), Is.EqualTo(3));

        var ticker = await EmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("e", out var e) && e.GetString() == "bookTicker");
        Assert.That(ticker, Is.Not.Null);
        Assert.That(string.Join(",", ticker!.Value.EnumerateObject().Select(p => p.Name)), Is.EqualTo("e,u,E,T,s,b,B,a,A"));
        Assert.That(ticker.Value.GetProperty("b").GetString(), Does.Match(@"^\d+\.\d{2}$"));
    }

    [Test]
    public async Task Depth_events_chain_pu_to_the_previous_u_on_every_speed_and_ids_jump()
    {
        await using var s = await EmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/public/stream?streams=simusdt@depth@0ms/simusdt@depth@100ms");
        var last = new Dictionary<string, long>();
        var checkedPerStream = new Dictionary<string, int>();
        int jumps = 0;
        while (checkedPerStream.Count < 2 || checkedPerStream.Values.Min() < 10)
        {
            var frame = await EmulatorSession.ReceiveAsync(ws);
            Assert.That(frame, Is.Not.Null, "depth events stopped");
            string stream = frame!.Value.GetProperty("stream").GetString()!;
            var data = frame.Value.GetProperty("data");
            Assert.That(string.Join(",", data.EnumerateObject().Select(p => p.Name)), Is.EqualTo("e,E,T,s,U,u,pu,b,a"));
            long u = data.GetProperty("u").GetInt64(), first = data.GetProperty("U").GetInt64(), pu = data.GetProperty("pu").GetInt64();
            Assert.That(first, Is.LessThanOrEqualTo(u));
            if (last.TryGetValue(stream, out long previous))
            {
                Assert.That(pu, Is.EqualTo(previous), $"{stream}: pu must be the previous u");
                Assert.That(first, Is.GreaterThan(previous));
                if (first > previous + 1) jumps++;
                checkedPerStream[stream] = checkedPerStream.GetValueOrDefault(stream) + 1;
            }
            last[stream] = u;
        }
        Assert.That(last.Keys, Is.EquivalentTo(new[] { "simusdt@depth@0ms", "simusdt@depth@100ms" }));
        Assert.That(jumps, Is.GreaterThan(0), "U should sometimes jump above the previous u + 1");
    }

    [Test]
    public async Task A_snapshot_plus_buffered_events_gives_the_emulators_book()
    {
        await using var s = await EmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/public/ws/simusdt@depth@0ms");
        var buffer = new List<JsonElement>();
        for (int i = 0; i < 5; i++) buffer.Add((await EmulatorSession.ReceiveAsync(ws))!.Value);
        var (_, snapshot, _) = await s.GetAsync("/fapi/v1/depth?symbol=SIMUSDT&limit=1000");
        Assert.That(string.Join(",", snapshot.EnumerateObject().Select(p => p.Name)), Is.EqualTo("lastUpdateId,E,T,bids,asks"));
        long lastUpdateId = snapshot.GetProperty("lastUpdateId").GetInt64();
        var bids = Levels(snapshot.GetProperty("bids"));
        var asks = Levels(snapshot.GetProperty("asks"));

        // Section 1.3: drop u < lastUpdateId, the first applied has U <= lastUpdateId <= u, then pu chains.
        long lastU = -1;
        async Task<JsonElement> Next()
        {
            if (buffer.Count > 0) { var e = buffer[0]; buffer.RemoveAt(0); return e; }
            return (await EmulatorSession.ReceiveAsync(ws))!.Value;
        }
        while (lastU < 0)
        {
            var ev = await Next();
            long u = ev.GetProperty("u").GetInt64();
            if (u < lastUpdateId) continue;
            Assert.That(ev.GetProperty("U").GetInt64(), Is.LessThanOrEqualTo(lastUpdateId), "first event must straddle the snapshot");
            Apply(ev, bids, asks);
            lastU = u;
        }
        var state = await s.StateAsync(100_000);
        long target = state.GetProperty("last_update_id").GetInt64();
        while (lastU < target)
        {
            var ev = await Next();
            Assert.That(ev.GetProperty("pu").GetInt64(), Is.EqualTo(lastU));
            Apply(ev, bids, asks);
            lastU = ev.GetProperty("u").GetInt64();
        }
        Assert.That(lastU, Is.EqualTo(target));
        Assert.That(Render(bids, descending: true), Is.EqualTo(Render(Levels(state.GetProperty("bids")), descending: true)));
        Assert.That(Render(asks, descending: false), Is.EqualTo(Render(Levels(state.GetProperty("asks")), descending: false)));
        Assert.That(bids.Count, Is.GreaterThan(10));
    }

    [Test]
    public async Task A_depth_stream_on_the_market_entry_point_is_acknowledged_and_then_silent()
    {
        await using var s = await EmulatorSession.StartAsync();
        var market = await s.ConnectAsync("/market/ws");
        await EmulatorSession.SendAsync(market, """{"method":"SUBSCRIBE","params":["simusdt@depth@0ms","simusdt@aggTrade"],"id":1}""");
        // The subscription takes effect before its answer is queued, so a trade may come first.
        var ack = await EmulatorSession.ReceiveUntilAsync(market, f => f.TryGetProperty("id", out _));
        Assert.That(ack!.Value.GetRawText(), Is.EqualTo("""{"result":null,"id":1}"""));
        var frame = await EmulatorSession.ReceiveUntilAsync(market, f => f.GetProperty("e").GetString() == "depthUpdate", 1500);
        Assert.That(frame, Is.Null, "no depth on /market");

        var agg = await EmulatorSession.ReceiveUntilAsync(market, f => f.GetProperty("e").GetString() == "aggTrade");
        Assert.That(agg, Is.Not.Null, "aggTrade arrives on /market");
        Assert.That(string.Join(",", agg!.Value.EnumerateObject().Select(p => p.Name)), Is.EqualTo("e,E,s,a,p,q,nq,f,l,T,m"));

        var pub = await s.ConnectAsync("/public/ws/simusdt@trade/simusdt@aggTrade");
        var trade = await EmulatorSession.ReceiveAsync(pub);
        Assert.That(trade!.Value.GetProperty("e").GetString(), Is.EqualTo("trade"), "aggTrade is not sent on /public");
        Assert.That(string.Join(",", trade.Value.EnumerateObject().Select(p => p.Name)), Is.EqualTo("e,E,T,s,t,p,q,X,m"));
        Assert.That(trade.Value.GetProperty("X").GetString(), Is.EqualTo("MARKET"));
    }

    [Test]
    public async Task An_injected_gap_breaks_the_chain_once()
    {
        await using var s = await EmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/public/ws/simusdt@depth@0ms");
        long previous = (await EmulatorSession.ReceiveAsync(ws))!.Value.GetProperty("u").GetInt64();
        await s.FaultsAsync("""{"gap":1}""");
        // Frames queued before the fault took effect come first; then one break, then the chain holds again.
        int gaps = 0, afterGap = 0;
        while (afterGap < 100)
        {
            var frame = await EmulatorSession.ReceiveAsync(ws);
            Assert.That(frame, Is.Not.Null, $"depth events stopped ({gaps} gaps seen)");
            var ev = frame!.Value;
            if (ev.GetProperty("pu").GetInt64() != previous) gaps++;
            else if (gaps > 0) afterGap++;
            previous = ev.GetProperty("u").GetInt64();
        }
        Assert.That(gaps, Is.EqualTo(1));
        var state = await s.StateAsync();
        Assert.That(state.GetProperty("summary").GetProperty("faults_injected").GetProperty("gap").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Dropping_all_connections_closes_the_sockets()
    {
        await using var s = await EmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/public/ws/simusdt@depth@0ms");
        Assert.That(await EmulatorSession.ReceiveAsync(ws), Is.Not.Null);
        await s.FaultsAsync("""{"disconnect":true}""");
        bool ended = false;
        for (int i = 0; i < 100_000 && !ended; i++) ended = await EmulatorSession.ReceiveAsync(ws, 3000) is null;
        Assert.That(ended, Is.True);
        Assert.That(ws.State, Is.Not.EqualTo(System.Net.WebSockets.WebSocketState.Open));
    }

    private static Dictionary<string, string> Levels(JsonElement array) =>
        array.EnumerateArray().ToDictionary(l => l[0].GetString()!, l => l[1].GetString()!);

    private static void Apply(JsonElement ev, Dictionary<string, string> bids, Dictionary<string, string> asks)
    {
        foreach (var (side, book) in new[] { ("b", bids), ("a", asks) })
        {
            foreach (var level in ev.GetProperty(side).EnumerateArray())
            {
                string price = level[0].GetString()!, qty = level[1].GetString()!;
                if (decimal.Parse(qty, CultureInfo.InvariantCulture) == 0) book.Remove(price);
                else book[price] = qty;
            }
        }
    }

    private static string Render(Dictionary<string, string> levels, bool descending)
    {
        var ordered = levels.OrderBy(kv => decimal.Parse(kv.Key, CultureInfo.InvariantCulture));
        return string.Join(" ", (descending ? ordered.Reverse() : ordered).Select(kv => kv.Key + "x" + kv.Value));
    }
}
