using System.Globalization;
using System.Net.Http;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// <c>X-Bapi-Limit</c>, <c>X-Bapi-Limit-Status</c>, <c>X-Bapi-Limit-Reset-Timestamp</c> on every REST response of the
/// Bybit emulator (exchange-protocols 3.4.5 "Every response carries"): public, signed, refused and not-found ones.
/// </summary>
[TestFixture]
public sealed class BybitEmulatorLimitHeaderTests
{
    private static (string Limit, string Status, string Reset) Limits(HttpResponseMessage r) =>
        (r.Headers.GetValues("X-Bapi-Limit").Single(), r.Headers.GetValues("X-Bapi-Limit-Status").Single(), r.Headers.GetValues("X-Bapi-Limit-Reset-Timestamp").Single());

    [Test]
    public async Task Public_endpoints_carry_the_headers_and_spend_their_own_budget_with_the_ip_limits_403_when_over()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string nowText = now.ToString(CultureInfo.InvariantCulture);
        await using var s = await BybitEmulatorSession.StartAsync(o => o with { Clock = new PinnedClock(now), PublicRequestsPerSecond = 3 });
        for (int i = 0; i < 3; i++)
        {
            var (status, _, r) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/market/time"));
            Assert.That(status, Is.EqualTo(200));
            Assert.That(Limits(r), Is.EqualTo(("3", (2 - i).ToString(CultureInfo.InvariantCulture), nowText)), $"request {i}");
        }
        var (overStatus, _, over) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/market/time"));
        Assert.That(overStatus, Is.EqualTo(403), "public endpoints have no per-UID limit: over is the IP limit");
        Assert.That(Limits(over), Is.EqualTo(("3", "0", (now + 1000).ToString(CultureInfo.InvariantCulture))));
        // Each endpoint has its own budget.
        var (infoStatus, _, info) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v5/market/instruments-info?category=linear&symbol={s.Symbol}"));
        Assert.That((infoStatus, Limits(info)), Is.EqualTo((200, ("3", "2", nowText))));
    }

    [Test]
    public async Task Signed_queries_refused_requests_and_unknown_routes_carry_the_headers_too()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string nowText = now.ToString(CultureInfo.InvariantCulture);
        await using var s = await BybitEmulatorSession.StartAsync(o => o with { Clock = new PinnedClock(now) });
        var (status, body, realtime) = await s.SignedAsync(HttpMethod.Get, "/v5/order/realtime", $"category=linear&symbol={s.Symbol}");
        Assert.That((status, body.GetProperty("retCode").GetInt32()), Is.EqualTo((200, 0)));
        Assert.That(Limits(realtime), Is.EqualTo(("50", "49", nowText)));
        var (_, _, wallet) = await s.SignedAsync(HttpMethod.Get, "/v5/account/wallet-balance", "accountType=UNIFIED");
        Assert.That(Limits(wallet), Is.EqualTo(("50", "49", nowText)));

        // A bad signature never reaches the endpoint: the headers say where its budget stands, nothing spent.
        string order = s.LimitBody("Buy", 1m, "10");
        var (_, refused, refusedResponse) = await s.SignedAsync(HttpMethod.Post, "/v5/order/create", order, signature: new string('0', 64));
        Assert.That(refused.GetProperty("retCode").GetInt32(), Is.EqualTo(10004));
        Assert.That(Limits(refusedResponse), Is.EqualTo(("10", "10", nowText)));
        // A missing key is a 401, with the headers.
        var bare = new HttpRequestMessage(HttpMethod.Post, "/v5/order/create") { Content = new StringContent(order) };
        var (bareStatus, _, bareResponse) = await s.SendAsync(bare);
        Assert.That((bareStatus, Limits(bareResponse)), Is.EqualTo((401, ("10", "10", nowText))));

        var (notFound, _, route) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/no/such/route"));
        Assert.That(notFound, Is.EqualTo(404));
        Assert.That(Limits(route), Is.EqualTo(("120", "120", nowText)));
    }
}
