using System.Globalization;
using System.Text.Json;

namespace Hft.Engine.Tests.Emulators;

/// <summary>Order entry against the replayed market: fills and their user-stream events, and the venue's refusals.</summary>
[TestFixture]
public sealed class BinanceFuturesOrderEntryTests
{
    // The touch, once the replay has put both sides in the book (right after the start a side may still be empty:
    // CI once read an empty side here).
    private static async Task<(string Bid, string Ask)> TopAsync(EmulatorSession s)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (_, depth, _) = await s.GetAsync("/fapi/v1/depth?symbol=SIMUSDT&limit=5");
            var bids = depth.GetProperty("bids");
            var asks = depth.GetProperty("asks");
            if (bids.GetArrayLength() > 0 && asks.GetArrayLength() > 0) return (bids[0][0].GetString()!, asks[0][0].GetString()!);
            if (DateTime.UtcNow > deadline) Assert.Fail($"the emulator's book still has an empty side after 10 s: {depth}");
            await Task.Delay(50);
        }
    }

    private static string Names(JsonElement e) => string.Join(",", e.EnumerateObject().Select(p => p.Name));

    [Test]
    public async Task A_resting_gtc_order_fills_from_the_market_with_new_trade_and_account_updates()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with { Speed = 10 });
        string key = await s.ListenKeyAsync();
        var user = await s.ConnectAsync($"/private/ws?listenKey={key}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE");
        var (top, _) = await TopAsync(s);
        // A few ticks under the touch, so the moving market cannot have crossed it before the order arrives.
        string bid = (decimal.Parse(top, CultureInfo.InvariantCulture) - 0.03m).ToString("F2", CultureInfo.InvariantCulture);
        var (status, body, response) = await s.LimitAsync("BUY", bid, "1.00", clientId: "rest-then-fill");
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(Names(body), Is.EqualTo("clientOrderId,cumQty,cumQuote,executedQty,orderId,avgPrice,origQty,price,reduceOnly,side,positionSide,status,stopPrice,closePosition,symbol,timeInForce,type,origType,updateTime,workingType,priceProtect,priceMatch,selfTradePreventionMode,goodTillDate"));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("NEW"));
        Assert.That(body.GetProperty("origQty").GetString(), Is.EqualTo("1.00"));
        Assert.That(response.Headers.Contains("X-MBX-ORDER-COUNT-10S") && response.Headers.Contains("X-MBX-ORDER-COUNT-1M") && response.Headers.Contains("X-MBX-USED-WEIGHT-1M"));
        long orderId = body.GetProperty("orderId").GetInt64();

        var created = await EmulatorSession.ReceiveAsync(user);
        var o = created!.Value.GetProperty("o");
        Assert.That((o.GetProperty("x").GetString(), o.GetProperty("X").GetString(), o.GetProperty("i").GetInt64()), Is.EqualTo(("NEW", "NEW", orderId)));
        Assert.That(Names(o), Is.EqualTo("s,c,S,o,f,q,p,ap,sp,x,X,i,l,z,L,N,n,T,t,b,a,m,R,wt,ot,ps,cp,pP,si,ss,rp,V,pm,gtd,er"));
        Assert.That(Names(created.Value), Is.EqualTo("e,E,T,o"));

        var (_, open, _) = await s.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=SIMUSDT");
        Assert.That(open.EnumerateArray().All(x => x.GetProperty("status").GetString() == "NEW"), Is.True, open.ToString());

        var filled = await EmulatorSession.ReceiveUntilAsync(user, f => f.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE", 30_000);
        Assert.That(filled, Is.Not.Null, "the replayed market should fill a bid at the touch within 30 s at speed 50");
        o = filled!.Value.GetProperty("o");
        Assert.That((o.GetProperty("x").GetString(), o.GetProperty("X").GetString()), Is.EqualTo(("TRADE", "FILLED")));
        Assert.That((o.GetProperty("l").GetString(), o.GetProperty("z").GetString(), o.GetProperty("L").GetString()), Is.EqualTo(("1.00", "1.00", bid)));
        Assert.That(o.GetProperty("m").GetBoolean(), Is.True, "it rested and was filled as maker");
        var account = await EmulatorSession.ReceiveAsync(user);
        Assert.That(account!.Value.GetProperty("e").GetString(), Is.EqualTo("ACCOUNT_UPDATE"));
        var position = account.Value.GetProperty("a").GetProperty("P")[0];
        Assert.That((position.GetProperty("s").GetString(), position.GetProperty("pa").GetString()), Is.EqualTo(("SIMUSDT", "1.00")));

        (_, body, _) = await s.SignedAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=SIMUSDT&orderId={orderId}");
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("FILLED"));
        (_, body, _) = await s.SignedAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "symbol=SIMUSDT");
        Assert.That(body[0].GetProperty("positionAmt").GetString(), Is.EqualTo("1.00"));

        // Selling 3 at the market: the position goes short, signed in ACCOUNT_UPDATE.
        (status, body, _) = await s.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=SIMUSDT&side=SELL&type=MARKET&quantity=3&newOrderRespType=RESULT");
        Assert.That((status, body.GetProperty("status").GetString()), Is.EqualTo((200, "FILLED")), body.ToString());
        var sold = await EmulatorSession.ReceiveUntilAsync(user, f => f.GetProperty("e").GetString() == "ACCOUNT_UPDATE");
        Assert.That(sold!.Value.GetProperty("a").GetProperty("P")[0].GetProperty("pa").GetString(), Is.EqualTo("-2.00"));
        var report = s.Emulator.Report();
        Assert.That(report.Positions["SIMUSDT"], Is.EqualTo(-2m));
        Assert.That(report.Fills, Is.EqualTo(2));
    }

    [Test]
    public async Task Ioc_remainder_expires_with_reason_2_and_cancel_and_amend_report_on_the_stream()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with { Speed = 1 });
        string key = await s.ListenKeyAsync();
        var user = await s.ConnectAsync($"/private/ws?listenKey={key}&events=ORDER_TRADE_UPDATE");
        var (bid, _) = await TopAsync(s);
        string far = (decimal.Parse(bid, CultureInfo.InvariantCulture) - 5m).ToString("F2", CultureInfo.InvariantCulture);
        var (status, body, _) = await s.LimitAsync("BUY", far, "0.10", "IOC");
        Assert.That(status, Is.EqualTo(200), body.ToString());
        var ev = (await EmulatorSession.ReceiveAsync(user))!.Value.GetProperty("o");
        Assert.That(ev.GetProperty("x").GetString(), Is.EqualTo("NEW"));
        ev = (await EmulatorSession.ReceiveAsync(user))!.Value.GetProperty("o");
        Assert.That((ev.GetProperty("x").GetString(), ev.GetProperty("X").GetString(), ev.GetProperty("er").GetString()), Is.EqualTo(("EXPIRED", "EXPIRED", "2")));

        (status, body, _) = await s.LimitAsync("BUY", far, "0.10", clientId: "amend-me");
        Assert.That(status, Is.EqualTo(200));
        await EmulatorSession.ReceiveAsync(user);
        string lower = (decimal.Parse(far, CultureInfo.InvariantCulture) - 1m).ToString("F2", CultureInfo.InvariantCulture);
        (status, body, _) = await s.SignedAsync(HttpMethod.Put, "/fapi/v1/order", $"symbol=SIMUSDT&origClientOrderId=amend-me&side=BUY&quantity=0.20&price={lower}");
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That((body.GetProperty("price").GetString(), body.GetProperty("origQty").GetString()), Is.EqualTo((lower, "0.20")));
        ev = (await EmulatorSession.ReceiveAsync(user))!.Value.GetProperty("o");
        Assert.That((ev.GetProperty("x").GetString(), ev.GetProperty("X").GetString(), ev.GetProperty("q").GetString()), Is.EqualTo(("AMENDMENT", "NEW", "0.20")));

        (status, body, _) = await s.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=SIMUSDT&origClientOrderId=amend-me");
        Assert.That((status, body.GetProperty("status").GetString()), Is.EqualTo((200, "CANCELED")));
        ev = (await EmulatorSession.ReceiveAsync(user))!.Value.GetProperty("o");
        Assert.That((ev.GetProperty("x").GetString(), ev.GetProperty("X").GetString()), Is.EqualTo(("CANCELED", "CANCELED")));

        (status, body, _) = await s.SignedAsync(HttpMethod.Delete, "/fapi/v1/allOpenOrders", "symbol=SIMUSDT");
        Assert.That(body.GetRawText(), Is.EqualTo("""{"code":200,"msg":"The operation of cancel all open order is done."}"""));
    }

    [Test]
    public async Task The_venues_refusals_come_with_their_codes()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with { Speed = 1 });
        var (bid, ask) = await TopAsync(s);

        var (status, body, _) = await s.LimitAsync("BUY", ask, "1.00", "GTX");
        Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((400, -5022)), "a post-only that crosses is refused at once");

        (status, body, _) = await s.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=SIMUSDT&orderId=123456");
        Assert.That(body.GetRawText(), Is.EqualTo("""{"code":-2011,"msg":"Unknown order sent."}"""));
        (status, body, _) = await s.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=SIMUSDT&orderId=123456");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-2013));

        string below = (decimal.Parse(bid, CultureInfo.InvariantCulture) - 3m).ToString("F2", CultureInfo.InvariantCulture);
        (status, body, _) = await s.LimitAsync("BUY", below, "1.00", clientId: "dup.id:1/x");
        Assert.That(status, Is.EqualTo(200), body.ToString());
        (status, body, _) = await s.LimitAsync("BUY", below, "1.00", clientId: "dup.id:1/x");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-4116));
        (status, body, _) = await s.LimitAsync("BUY", below, "1.00", clientId: Uri.EscapeDataString("bad id!"));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-4015));
        (status, body, _) = await s.LimitAsync("BUY", below, "1.00", clientId: new string('a', 37));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-4015));

        (status, body, _) = await s.LimitAsync("BUY", below + "1", "1.00");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-4014));
        (status, body, _) = await s.LimitAsync("BUY", below, "1.005");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-4023));
        (status, body, _) = await s.LimitAsync("BUY", below, "0.01");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-4164));
        (status, body, _) = await s.SignedAsync(HttpMethod.Post, "/fapi/v1/order", $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price={below}");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1102));
        (status, body, _) = await s.LimitAsync("BUY", bid, "0.50", "FOK");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-5021), "a FOK that cannot fill at once is refused");

        // Cancel, then reuse the id: allowed (unique among open orders only), but counted as a duplicate ever used.
        (status, _, _) = await s.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=SIMUSDT&origClientOrderId=dup.id:1/x");
        Assert.That(status, Is.EqualTo(200));
        (status, _, _) = await s.SignedAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=SIMUSDT&origClientOrderId=dup.id:1/x");
        Assert.That(status, Is.EqualTo(400), "a second cancel is of an ended order");
        (status, body, _) = await s.LimitAsync("BUY", below, "1.00", clientId: "dup.id:1/x");
        Assert.That(status, Is.EqualTo(200), body.ToString());

        var summary = s.Emulator.Report();
        Assert.That(summary.OrdersReceived, Is.EqualTo(11));
        Assert.That(summary.DuplicateClientOrderIds, Is.EqualTo(2));
        Assert.That(summary.OpenOrders, Is.EqualTo(1));
        Assert.That(summary.OrdersRejected["GTX_ORDER_REJECT"], Is.EqualTo(1));
        Assert.That(summary.OrdersRejected["DUPLICATED_CLIENT_ORDER_ID"], Is.EqualTo(1));
        Assert.That(summary.OrdersRejected["INVALID_CL_ORD_ID_LEN"], Is.EqualTo(2));
        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.That(json.RootElement.GetProperty("orders_rejected").GetProperty("MIN_NOTIONAL").GetInt32(), Is.EqualTo(1));
        Assert.That(json.RootElement.GetProperty("duplicate_client_order_ids").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Injected_unknown_errors_answer_503_and_execute_or_not_as_asked()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with { Speed = 1 });
        var (bid, _) = await TopAsync(s);
        string below = (decimal.Parse(bid, CultureInfo.InvariantCulture) - 3m).ToString("F2", CultureInfo.InvariantCulture);
        await s.FaultsAsync("""{"rest_errors":1,"rest_error_kind":"unknown-executed"}""");
        var (status, body, _) = await s.LimitAsync("BUY", below, "1.00", clientId: "maybe-1");
        Assert.That((status, body.GetProperty("msg").GetString()), Is.EqualTo((503, "Unknown error, please check your request or try again later.")));
        await s.FaultsAsync("""{"rest_errors":1,"rest_error_kind":"unknown-not-executed"}""");
        (status, _, _) = await s.LimitAsync("BUY", below, "1.00", clientId: "maybe-2");
        Assert.That(status, Is.EqualTo(503));
        await s.FaultsAsync("""{"rest_errors":1,"rest_error_kind":"timeout"}""");
        (status, body, _) = await s.LimitAsync("BUY", below, "1.00", clientId: "maybe-3");
        Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((408, -1007)));
        var (_, open, _) = await s.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "");
        Assert.That(open.EnumerateArray().Select(o => o.GetProperty("clientOrderId").GetString()), Is.EquivalentTo(new[] { "maybe-1", "maybe-3" }));
    }
}
