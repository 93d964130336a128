using System.Globalization;
using System.Text.Json;
using Hft.Engine.Safety;
using Hft.Engine.Tests.Emulators;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Binance.Spot;
using Hft.Exchanges.Bybit;
using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Common;
using Hft.Exchanges.Emulators.BinanceSpot;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The kill switch against each venue's emulator over real sockets: 100 resting orders placed behind the engine's back
/// are all cancelled (the venue holds none afterwards), the time to the last cancel is printed, and with flatten the
/// position is closed by a reduce-only market order.
/// </summary>
[NonParallelizable]
public sealed class KillSwitchTests
{
    private const int Orders = 100;
    private static string P(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<KillReport>> Kill(IKillSwitchVenue venue, bool flatten)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reports = await new KillSwitch([(venue, ["SIMUSDT"])], "hft-").Run(flatten);
        TestContext.Out.WriteLine($"{venue.Name}: switch done in {watch.Elapsed.TotalMilliseconds:F1} ms; " + string.Join(" | ", reports.Select(KillSwitch.Describe)));
        return reports;
    }

    [Test]
    public async Task Binance_futures_100_open_orders_are_cancelled_and_the_position_flattened()
    {
        await using var venue = await EmulatorSession.StartAsync();
        decimal bid = decimal.Parse((await venue.StateAsync(1)).GetProperty("bids")[0][0].GetString()!, CultureInfo.InvariantCulture);
        for (int i = 0; i < Orders; i++)
        {
            var (status, body, _) = await venue.LimitAsync("BUY", P(Math.Round(bid * 0.9m, 2) - i * 0.01m), "0.10");
            Assert.That(status, Is.EqualTo(200), body.ToString());
        }
        var (market, answer, _) = await venue.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=SIMUSDT&side=BUY&type=MARKET&quantity=0.30");
        Assert.That(market, Is.EqualTo(200), answer.ToString());
        await WaitFor(() => venue.Emulator.Report().Positions.GetValueOrDefault("SIMUSDT") == 0.30m, "the market buy filled");
        Assert.That(venue.Emulator.Report().OpenOrders, Is.EqualTo(Orders));

        using var client = new BinanceKillSwitchVenue("binance-futures", new FuturesMarket(new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret,
        }));
        var report = (await Kill(client, flatten: true)).Single();
        var after = venue.Emulator.Report();
        Assert.Multiple(() =>
        {
            Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Problems));
            Assert.That(report.OpenAfter, Is.Zero);
            Assert.That(after.OpenOrders, Is.Zero, "the venue holds no order");
            Assert.That(report.PositionBefore, Is.EqualTo(0.30m));
            Assert.That(report.PositionAfter, Is.Zero);
            Assert.That(after.Positions.GetValueOrDefault("SIMUSDT"), Is.Zero, "the venue's position is flat");
            Assert.That(after.DuplicateClientOrderIds, Is.Zero);
        });
    }

    [Test]
    public async Task Binance_spot_100_open_orders_are_cancelled_and_balances_are_left_alone()
    {
        await using var venue = await SpotEmulatorSession.StartAsync(o => o with { Limits = new SpotRateLimits { OrdersPer10Seconds = 1000 } });
        var (bid, _) = await venue.TopAsync();
        for (int i = 0; i < Orders; i++)
        {
            var (status, body, _) = await venue.SignedAsync(HttpMethod.Post, "/api/v3/order",
                $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={P(Math.Round(bid * 0.9m, 2) - i * 0.01m)}");
            Assert.That(status, Is.EqualTo(200), body.ToString());
        }
        Assert.That(venue.Emulator.Report().OpenOrders, Is.EqualTo(Orders));
        using var client = new BinanceKillSwitchVenue("binance-spot", new SpotMarket(new BinanceGatewayOptions
        {
            Name = "binance-spot", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.ApiKey, ApiSecret = venue.Emulator.Venue.Options.ApiSecret,
        }));
        var report = (await Kill(client, flatten: true)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Problems));
            Assert.That(venue.Emulator.Report().OpenOrders, Is.Zero, "the venue holds no order");
            Assert.That(report.HasPositions, Is.False);
            Assert.That(KillSwitch.Describe(report), Does.Contain("no positions on this venue"));
        });
        // Nothing open: spot refuses a cancel-all with -2011, which is no failure when the check finds nothing open.
        var again = (await Kill(client, flatten: false)).Single();
        Assert.That(again.Succeeded, Is.True, string.Join("; ", again.Problems));
    }

    [Test]
    public async Task Bybit_100_open_orders_are_cancelled_and_the_position_flattened()
    {
        await using var venue = await BybitEmulatorSession.StartAsync(o => o with { OrdersPerSecond = 1000 });
        var (bid, _) = await venue.TopAsync();
        for (int i = 0; i < Orders; i++)
        {
            var (status, body, _) = await venue.LimitAsync("Buy", Math.Round(bid * 0.9m, 2) - i * 0.01m, "0.10");
            Assert.That(body.GetProperty("retCode").GetInt32(), Is.Zero, body.ToString());
            Assert.That(status, Is.EqualTo(200));
        }
        var market = await venue.PostAsync("/v5/order/create",
            """{"category":"linear","symbol":"SIMUSDT","side":"Sell","orderType":"Market","qty":"0.20"}""");
        Assert.That(market.GetProperty("retCode").GetInt32(), Is.Zero, market.ToString());
        await WaitFor(() => venue.Emulator.Report().Positions.GetValueOrDefault("SIMUSDT") == -0.20m, "the market sell filled");
        Assert.That(venue.Emulator.Report().OpenOrders, Is.EqualTo(Orders));

        var options = new BybitGatewayOptions
        {
            Name = "bybit", RestUrl = venue.Emulator.RestBase, PublicWsUrl = venue.Emulator.PublicStream, PrivateWsUrl = venue.Emulator.PrivateStream,
            Trading = true, ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret,
        };
        using var client = new BybitKillSwitchVenue("bybit", new BybitRestClient(BybitGatewayOptions.Transport(options)));
        var report = (await Kill(client, flatten: true)).Single();
        var after = venue.Emulator.Report();
        Assert.Multiple(() =>
        {
            Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Problems));
            Assert.That(after.OpenOrders, Is.Zero, "the venue holds no order");
            Assert.That(report.PositionBefore, Is.EqualTo(-0.20m));
            Assert.That(report.PositionAfter, Is.Zero);
            Assert.That(after.Positions.GetValueOrDefault("SIMUSDT"), Is.Zero, "the venue's position is flat");
        });
    }

    [Test]
    public async Task A_venue_that_refuses_the_key_is_reported_as_failed_without_the_secret()
    {
        await using var venue = await EmulatorSession.StartAsync();
        await venue.LimitAsync("BUY", "1.00", "10");
        using var client = new BinanceKillSwitchVenue("binance-futures", new FuturesMarket(new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = "not-the-secret-0123456789",
        }));
        var report = (await Kill(client, flatten: false)).Single();
        string text = KillSwitch.Describe(report);
        Assert.Multiple(() =>
        {
            Assert.That(report.Succeeded, Is.False);
            Assert.That(report.OpenAfter, Is.Null, "the open orders could not be read");
            Assert.That(text, Does.Contain("-1022").Or.Contain("ignature"), "the venue's refusal is named");
            Assert.That(text, Does.Not.Contain("not-the-secret").And.Not.Contain(venue.Options.ApiKey));
            Assert.That(venue.Emulator.Report().OpenOrders, Is.EqualTo(1), "nothing was cancelled with a wrong signature");
        });
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20)) Assert.Fail("timed out waiting until " + what);
            await Task.Delay(20);
        }
    }
}
