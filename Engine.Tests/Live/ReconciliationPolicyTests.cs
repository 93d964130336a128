using System.Net.Http;
using System.Text.Json;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Engine.Config;
using Hft.Engine.Live;
using Hft.Engine.Tests.Cli;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Bybit;
using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// What happens on the venue while the engine is down is found at the next start: between sessions of a live grid
/// (the engine a separate process, its journal kept), someone else trades on the same account (a market buy and a
/// resting order under another client-id prefix, sent by the test over the venue's own signed REST API). Each
/// reconciliation policy is then run against the difference: <c>warn</c> reports it and trades on with the engine's own
/// position, <c>adjust</c> takes the venue's (and journals it, so the next start agrees), <c>halt</c> refuses every order.
/// </summary>
[NonParallelizable]
public sealed class ReconciliationPolicyTests : Data.TempDirectoryTest
{
    private const double Lot = 1;

    [TestCase("binance-futures")]
    [TestCase("bybit")]
    public async Task Trades_made_on_the_venue_while_the_engine_was_down_are_found_and_each_policy_acts_on_them(string venueName)
    {
        int port = Cli.BackgroundEngine.FreePort();
        using var emulator = CrashRecoveryTests.Emulator(port, 150, venueName);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var first = Session(port, venueName, "adjust");
        Assert.That(first.GetProperty("reconciliation").GetProperty("position_differences").GetInt64(), Is.Zero, "a fresh account has nothing to differ");
        await Outside(venueName, port, http);

        // warn: reported, and the engine trades on with its own figures.
        var warn = Session(port, venueName, "warn");
        Assert.Multiple(() =>
        {
            var rc = warn.GetProperty("reconciliation");
            Assert.That(rc.GetProperty("position_differences").GetInt64(), Is.GreaterThanOrEqualTo(1), warn.ToString());
            Assert.That(rc.GetProperty("adjusted").GetInt64(), Is.Zero);
            Assert.That(rc.GetProperty("unknown_orders").GetInt64(), Is.GreaterThanOrEqualTo(1), "the other client's resting order is reported");
            Assert.That(rc.GetProperty("last_problem").GetString(), Does.Contain("positions differ"));
            Assert.That(warn.GetProperty("orders").GetInt64(), Is.GreaterThan(0), "trading went on");
            Assert.That(warn.GetProperty("position").GetDouble(), Is.Not.EqualTo(VenuePosition(warn)).Within(1e-9), "the engine kept its own position");
        });

        // adjust: the engine's position becomes the venue's, and stays so (journaled) for the next start.
        var adjust = Session(port, venueName, "adjust");
        Assert.Multiple(() =>
        {
            var rc = adjust.GetProperty("reconciliation");
            Assert.That(rc.GetProperty("adjusted").GetInt64(), Is.GreaterThanOrEqualTo(1), adjust.ToString());
            Assert.That(adjust.GetProperty("position").GetDouble(), Is.EqualTo(VenuePosition(adjust)).Within(1e-9), "the engine's position is the venue's");
            Assert.That(adjust.GetProperty("orders").GetInt64(), Is.GreaterThan(0));
        });
        var again = Session(port, venueName, "halt");
        Assert.That(again.GetProperty("reconciliation").GetProperty("position_differences").GetInt64(), Is.Zero,
            "after an adjustment the next start agrees with the venue: " + again);

        // halt: another outside trade, and the next session refuses every order.
        await Outside(venueName, port, http);
        long receivedBefore = await OrdersReceived(http);
        var halt = Session(port, venueName, "halt", expectHalt: true);
        long receivedAfter = await OrdersReceived(http);
        Assert.Multiple(() =>
        {
            var rc = halt.GetProperty("reconciliation");
            Assert.That(rc.GetProperty("position_differences").GetInt64(), Is.GreaterThanOrEqualTo(1), halt.ToString());
            Assert.That(rc.GetProperty("adjusted").GetInt64(), Is.Zero);
            Assert.That(halt.GetProperty("orders").GetInt64(), Is.GreaterThan(0), "the grid tried");
            Assert.That(receivedAfter, Is.EqualTo(receivedBefore), "no order reached the venue while halted");
        });
        emulator.Signal("INT");
        emulator.WaitForExit(TimeSpan.FromSeconds(60));
    }

    private JsonElement Session(int port, string venueName, string policy, bool expectHalt = false)
    {
        string config = CrashRecoveryTests.Config(Dir, port, venueName, policy, cancelOnStop: true);
        var run = EngineProcess.Run("live", config, "--duration", "5", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        TestContext.Out.WriteLine($"{policy}: " + string.Join('\n', run.Stderr.Split('\n').Where(l => l.Contains("reconciliation", StringComparison.Ordinal))));
        Assert.That(run.Stderr.Contains("policy halt: trading halted", StringComparison.Ordinal), Is.EqualTo(expectHalt), run.Stderr);
        return CrashRecoveryTests.LastJson(run.Stdout);
    }

    private static double VenuePosition(JsonElement summary) =>
        summary.GetProperty("venue_positions").TryGetProperty("SIMUSDT", out var p) ? p.GetDouble() : 0;

    private static async Task<long> OrdersReceived(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/admin/state"));
        return doc.RootElement.GetProperty("summary").GetProperty("orders_received").GetInt64();
    }

    /// <summary>Another client on the same account: a market buy of 2 lots and a buy resting far below the market, neither with our prefix.</summary>
    private async Task Outside(string venueName, int port, HttpClient http)
    {
        string config = CrashRecoveryTests.Config(Dir, port, venueName, "adjust", cancelOnStop: true);
        var settings = SettingsLoader.Load(config);
        var instrument = settings.Instruments[0].ToInstrument();
        var prices = new DecimalText(instrument.TickSize);
        var quantities = new DecimalText(instrument.LotSize);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/admin/state"));
        var top = doc.RootElement.GetProperty("bids")[0][0];
        double bid = top.ValueKind == JsonValueKind.Number ? top.GetDouble() : double.Parse(top.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var market = new VenueCommand(VenueCommandKind.New, 0, 1, Side.Buy, 0, 2 * Lot, TimeInForce.Gtc, OrderType.Market, 0);
        var resting = new VenueCommand(VenueCommandKind.New, 0, 2, Side.Buy, instrument.ToTick(bid * 0.8), Lot, TimeInForce.Gtc, OrderType.Limit, 0);
        string tag = Guid.NewGuid().ToString("N")[..8];
        switch (settings.Venues[0])
        {
            case BinanceVenueSettings v:
            {
                using var futures = new FuturesMarket(VenueOptions.Binance(v, settings.Live, trading: true));
                Assert.That((await futures.SyncTime()).IsOk);
                var a = await futures.NewOrder(instrument.Symbol, "ext-m" + tag, market, prices, quantities);
                var b = await futures.NewOrder(instrument.Symbol, "ext-r" + tag, resting, prices, quantities);
                Assert.That(a.IsOk && b.IsOk, a.Describe() + " / " + b.Describe());
                break;
            }
            case BybitVenueSettings v:
            {
                var options = VenueOptions.Bybit(v, settings.Live, trading: true);
                using var rest = new BybitRestClient(BybitGatewayOptions.Transport(options), options.Category);
                Assert.That((await rest.SyncTime()).IsOk);
                var a = await rest.NewOrder(instrument.Symbol, "ext-m" + tag, market, prices, quantities);
                var b = await rest.NewOrder(instrument.Symbol, "ext-r" + tag, resting, prices, quantities);
                Assert.That(a.IsOk && b.IsOk, a.Describe() + " / " + b.Describe());
                break;
            }
        }
        // Let the market order fill on the emulator.
        await Task.Delay(300);
    }
}
