using System.Text.Json;

namespace Hft.Engine.Tests.Emulators;

/// <summary>Listen keys, the user stream's event allow-list, rate limits and bans, the summary and the command line.</summary>
[TestFixture]
public sealed class BinanceFuturesSessionTests
{
    [Test]
    public async Task Listen_keys_are_reused_while_active_and_unknown_ones_get_minus_1125()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (status, body, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/fapi/v1/listenKey"));
        Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((400, -1125)));
        string first = await s.ListenKeyAsync();
        Assert.That(first, Has.Length.EqualTo(64));
        Assert.That(await s.ListenKeyAsync(), Is.EqualTo(first));
        (status, body, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/fapi/v1/listenKey"));
        Assert.That((status, body.GetProperty("listenKey").GetString()), Is.EqualTo((200, first)));
        var noKey = new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/listenKey");
        s.Http.DefaultRequestHeaders.Remove("X-MBX-APIKEY");
        (status, body, _) = await s.SendAsync(noKey);
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-2014));
        s.Http.DefaultRequestHeaders.Add("X-MBX-APIKEY", s.Options.ApiKey);
        (status, _, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/fapi/v1/listenKey"));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(await s.ListenKeyAsync(), Is.Not.EqualTo(first));
    }

    [Test]
    public async Task Listen_key_expiry_is_sent_only_to_sockets_whose_events_name_it()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with { ListenKeyValidity = TimeSpan.FromMilliseconds(1500) });
        string key = await s.ListenKeyAsync();
        var named = await s.ConnectAsync($"/private/ws?listenKey={key}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/listenKeyExpired");
        var unnamed = await s.ConnectAsync($"/private/ws?listenKey={key}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE");
        var expired = await EmulatorSession.ReceiveAsync(named, 5000);
        Assert.That(expired, Is.Not.Null, "listenKeyExpired within the key's validity");
        Assert.That(expired!.Value.GetProperty("e").GetString(), Is.EqualTo("listenKeyExpired"));
        Assert.That(expired.Value.GetProperty("E").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(expired.Value.GetProperty("listenKey").GetString(), Is.EqualTo(key));
        Assert.That(await EmulatorSession.ReceiveAsync(unnamed, 1000), Is.Null);
        var (status, body, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/fapi/v1/listenKey"));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1125));

        // Expiry on demand, through the admin endpoint.
        string second = await s.ListenKeyAsync();
        var third = await s.ConnectAsync($"/private/stream?listenKey={second}&events=listenKeyExpired");
        await s.FaultsAsync("""{"expire_listen_key":true}""");
        var wrapped = await EmulatorSession.ReceiveAsync(third, 2000);
        Assert.That(wrapped!.Value.GetProperty("stream").GetString(), Is.EqualTo(second));
        Assert.That(wrapped.Value.GetProperty("data").GetProperty("e").GetString(), Is.EqualTo("listenKeyExpired"));
    }

    [Test]
    public async Task Over_the_weight_limit_gives_429_with_retry_after_then_418_when_ignored()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with { Limits = o.Limits with { WeightPerMinute = 5 } });
        var statuses = new List<int>();
        HttpResponseMessage? tooMany = null, banned = null;
        for (int i = 0; i < 7; i++)
        {
            var (status, body, response) = await s.GetAsync("/fapi/v1/time");
            statuses.Add(status);
            if (status == 429)
            {
                tooMany ??= response;
                Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1003));
                // Requests within the grace after a 429 were on the wire already; the one after it ignores the 429.
                await Task.Delay(Hft.Exchanges.Emulators.BinanceFutures.RateLimiter.InFlightGraceMs + 50);
            }
            if (status == 418) banned ??= response;
        }
        // A minute window can roll over between requests; then the count starts again and the 429 comes later.
        Assert.That(statuses.Take(5), Is.All.EqualTo(200).Or.EqualTo(429).Or.EqualTo(418));
        Assert.That(tooMany, Is.Not.Null, string.Join(",", statuses));
        Assert.That(tooMany!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThan(0));
        Assert.That(banned, Is.Not.Null, string.Join(",", statuses));
        Assert.That(banned!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThan(0));
        Assert.That(statuses.IndexOf(418), Is.EqualTo(statuses.IndexOf(429) + 1));
        Assert.That(tooMany.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single(), Is.EqualTo("6"));
    }

    [Test]
    public async Task A_forced_429_and_a_ban_come_from_the_admin_endpoint()
    {
        await using var s = await EmulatorSession.StartAsync();
        await s.FaultsAsync("""{"too_many_requests":1}""");
        var (status, _, response) = await s.GetAsync("/fapi/v1/time");
        Assert.That(status, Is.EqualTo(429));
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.EqualTo(1));
        await Task.Delay(1100);
        (status, _, _) = await s.GetAsync("/fapi/v1/time");
        Assert.That(status, Is.EqualTo(200), "after Retry-After the client may go on");
        await s.FaultsAsync("""{"ban_ms":60000}""");
        (status, _, _) = await s.GetAsync("/fapi/v1/exchangeInfo");
        Assert.That(status, Is.EqualTo(418));
    }

    [Test]
    public async Task Exchange_info_lists_the_symbols_filters()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (_, info, _) = await s.GetAsync("/fapi/v1/exchangeInfo");
        var symbol = info.GetProperty("symbols")[0];
        Assert.That(symbol.GetProperty("symbol").GetString(), Is.EqualTo("SIMUSDT"));
        var filters = symbol.GetProperty("filters").EnumerateArray().ToDictionary(f => f.GetProperty("filterType").GetString()!);
        Assert.That(filters["PRICE_FILTER"].GetProperty("tickSize").GetString(), Is.EqualTo("0.01"));
        Assert.That(filters["LOT_SIZE"].GetProperty("stepSize").GetString(), Is.EqualTo("0.01"));
        Assert.That(filters["MARKET_LOT_SIZE"].GetProperty("stepSize").GetString(), Is.EqualTo("0.01"));
        Assert.That(filters["MIN_NOTIONAL"].GetProperty("notional").GetString(), Is.EqualTo("5"));
        var (_, time, _) = await s.GetAsync("/fapi/v1/time");
        Assert.That(Math.Abs(time.GetProperty("serverTime").GetInt64() - s.Now), Is.LessThan(5000));
    }

    [Test]
    public async Task The_admin_state_carries_the_summary_and_the_book_top()
    {
        await using var s = await EmulatorSession.StartAsync();
        var state = await s.StateAsync(3);
        Assert.That(state.GetProperty("bids").GetArrayLength(), Is.EqualTo(3));
        Assert.That(state.GetProperty("asks").GetArrayLength(), Is.EqualTo(3));
        Assert.That(state.GetProperty("last_update_id").GetInt64(), Is.GreaterThan(0));
        var summary = state.GetProperty("summary");
        foreach (string field in new[] { "orders_received", "orders_rejected", "fills", "open_orders", "duplicate_client_order_ids", "positions" })
            Assert.That(summary.TryGetProperty(field, out _), Is.True, field);
        var (status, body, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/faults") { Content = new StringContent("""{"schedule":"nonsense=1"}""") });
        Assert.That(status, Is.EqualTo(400), body.ToString());
    }
}
