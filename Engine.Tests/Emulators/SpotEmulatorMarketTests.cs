using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hft.Engine.Tests.Emulators;

/// <summary>The spot emulator's market streams and depth snapshot (sections 2.2 and 2.3).</summary>
[TestFixture]
[NonParallelizable]
public sealed class SpotEmulatorMarketTests
{
    [Test]
    public async Task SubscribeAnswersEchoTheIdInItsJsonType()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/ws");
        await SpotEmulatorSession.SendTextAsync(ws, """{"method":"SUBSCRIBE","params":["simusdt@trade"],"id":1}""");
        Assert.That((await SpotEmulatorSession.ReceiveAsync(ws)).GetRawText(), Is.EqualTo("""{"result":null,"id":1}"""));
        await SpotEmulatorSession.SendTextAsync(ws, """{"method":"LIST_SUBSCRIPTIONS","id":"abc"}""");
        var list = await SpotEmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("id", out _));
        Assert.That(list.GetRawText(), Is.EqualTo("""{"result":["simusdt@trade"],"id":"abc"}"""));
        await SpotEmulatorSession.SendTextAsync(ws, """{"method":"UNSUBSCRIBE","params":["simusdt@trade"],"id":null}""");
        var unsubscribed = await SpotEmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("id", out _));
        Assert.That(unsubscribed.GetRawText(), Is.EqualTo("""{"result":null,"id":null}"""));
    }

    [Test]
    public async Task BadControlMessagesGetTheVenuesErrorCodes()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/ws");
        await SpotEmulatorSession.SendTextAsync(ws, "{not json");
        Assert.That((await SpotEmulatorSession.ReceiveAsync(ws)).GetProperty("code").GetInt32(), Is.EqualTo(3));
        await SpotEmulatorSession.SendTextAsync(ws, """{"method":"FLY","id":2}""");
        Assert.That((await SpotEmulatorSession.ReceiveAsync(ws)).GetProperty("code").GetInt32(), Is.EqualTo(2));
        await SpotEmulatorSession.SendTextAsync(ws, """{"method":"GET_PROPERTY","params":["colour"],"id":3}""");
        Assert.That((await SpotEmulatorSession.ReceiveAsync(ws)).GetProperty("code").GetInt32(), Is.EqualTo(0));
        await SpotEmulatorSession.SendTextAsync(ws, """{"method":"SET_PROPERTY","params":["combined","yes"],"id":4}""");
        Assert.That((await SpotEmulatorSession.ReceiveAsync(ws)).GetProperty("code").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task DepthEventsHaveContiguousIdsAndNoFuturesFields()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/ws/simusdt@depth@100ms");
        long previous = -1;
        for (int i = 0; i < 10; i++)
        {
            var e = await SpotEmulatorSession.ReceiveAsync(ws);
            Assert.That(e.GetProperty("e").GetString(), Is.EqualTo("depthUpdate"));
            Assert.That(e.TryGetProperty("pu", out _) || e.TryGetProperty("T", out _), Is.False, e.ToString());
            if (previous >= 0) Assert.That(e.GetProperty("U").GetInt64(), Is.EqualTo(previous + 1));
            previous = e.GetProperty("u").GetInt64();
        }
    }

    [Test]
    public async Task CombinedStreamsAreWrappedAndBookTickerHasNoEventFields()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/stream?streams=simusdt@bookTicker/simusdt@trade");
        var ticker = await SpotEmulatorSession.ReceiveUntilAsync(ws, f => f.GetProperty("stream").GetString() == "simusdt@bookTicker");
        var data = ticker.GetProperty("data");
        Assert.That(data.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "u", "s", "b", "B", "a", "A" }));
        var trade = await SpotEmulatorSession.ReceiveUntilAsync(ws, f => f.GetProperty("stream").GetString() == "simusdt@trade");
        Assert.That(trade.GetProperty("data").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "e", "E", "s", "t", "p", "q", "T", "m", "M" }));
    }

    [Test]
    public async Task SnapshotPlusBufferedEventsGivesTheVenuesBook()
    {
        // Sparse messages (about 3 a second) so the book is often quiet between two 100 ms events.
        await using var s = await SpotEmulatorSession.StartAsync(o => o with { Speed = 0.03 });
        var ws = await s.ConnectAsync("/ws/simusdt@depth@100ms");
        var first = await SpotEmulatorSession.ReceiveAsync(ws);
        var buffered = new List<JsonElement> { first };
        var (_, snapshot, _) = await s.SendAsync(HttpMethod.Get, "/api/v3/depth?symbol=SIMUSDT&limit=5000");
        long lastUpdateId = snapshot.GetProperty("lastUpdateId").GetInt64();
        Assert.That(snapshot.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "lastUpdateId", "bids", "asks" }));
        Assert.That(lastUpdateId, Is.GreaterThanOrEqualTo(first.GetProperty("U").GetInt64()), "snapshot older than the first buffered event");
        var bids = Levels(snapshot.GetProperty("bids"));
        var asks = Levels(snapshot.GetProperty("asks"));
        long local = lastUpdateId;
        void Apply(JsonElement e)
        {
            if (e.GetProperty("u").GetInt64() <= local) return;
            Assert.That(e.GetProperty("U").GetInt64(), Is.LessThanOrEqualTo(local + 1), "gap");
            foreach (var l in e.GetProperty("b").EnumerateArray()) Set(bids, l);
            foreach (var l in e.GetProperty("a").EnumerateArray()) Set(asks, l);
            local = e.GetProperty("u").GetInt64();
        }
        foreach (var e in buffered) Apply(e);
        for (int attempt = 0; attempt < 40; attempt++)
        {
            var state = await s.Http.GetFromJsonAsync<JsonElement>("/admin/state?levels=5000");
            long venueId = state.GetProperty("last_update_id").GetInt64();
            while (local < venueId) Apply(await SpotEmulatorSession.ReceiveAsync(ws));
            if (local != venueId) continue; // the book moved meanwhile: look again
            Assert.That(bids, Is.EquivalentTo(Levels(state.GetProperty("bids"))));
            Assert.That(asks, Is.EquivalentTo(Levels(state.GetProperty("asks"))));
            return;
        }
        Assert.Fail("the local book never caught up with the venue's");
    }

    [Test]
    public async Task InjectedGapShowsAsAJumpInU()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/ws/simusdt@depth@100ms");
        long previous = (await SpotEmulatorSession.ReceiveAsync(ws)).GetProperty("u").GetInt64();
        await s.Http.PostAsync("/admin/faults", new StringContent("""{"gap":1}"""));
        for (int i = 0; i < 50; i++)
        {
            var e = await SpotEmulatorSession.ReceiveAsync(ws);
            if (e.GetProperty("U").GetInt64() > previous + 1) return;
            previous = e.GetProperty("u").GetInt64();
        }
        Assert.Fail("no gap seen");
    }

    [Test]
    public async Task ServerShutdownReachesRawAndCombinedSockets()
    {
        string raw = Conversion.ExchangeFixtures.Require("binance-spot/serverShutdown-combined.json");
        Assert.That(raw, Does.Contain("!serverShutdown"));
        await using var s = await SpotEmulatorSession.StartAsync();
        var combined = await s.ConnectAsync("/stream?streams=simusdt@depth");
        var plain = await s.ConnectAsync("/ws");
        await Task.Delay(200);
        await s.Http.PostAsync("/admin/faults", new StringContent("""{"server_shutdown":true}"""));
        var wrapped = await SpotEmulatorSession.ReceiveUntilAsync(combined, f => f.GetProperty("stream").GetString() == "!serverShutdown");
        Assert.That(wrapped.GetProperty("data").GetProperty("e").GetString(), Is.EqualTo("serverShutdown"));
        var bare = await SpotEmulatorSession.ReceiveUntilAsync(plain, f => f.TryGetProperty("e", out _));
        Assert.That(bare.GetProperty("e").GetString(), Is.EqualTo("serverShutdown"));
    }

    private static Dictionary<decimal, decimal> Levels(JsonElement array)
    {
        var d = new Dictionary<decimal, decimal>();
        foreach (var l in array.EnumerateArray()) Set(d, l);
        return d;
    }

    private static void Set(Dictionary<decimal, decimal> book, JsonElement level)
    {
        decimal price = decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture);
        decimal qty = decimal.Parse(level[1].GetString()!, CultureInfo.InvariantCulture);
        if (qty == 0) book.Remove(price);
        else book[price] = qty;
    }
}
