using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Risk;
using Hft.Core.Strategies;
using Hft.Engine.Live;
using Hft.Engine.Plugins;
using Hft.Engine.Tests.Config;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Plugins;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// Hot swap against the futures emulator: the sample plugin (<c>my_quoter</c>, quotes at the touch) is rebuilt with a
/// larger default quote offset and swapped in mid-session; the quotes move out within about one requote interval,
/// nothing is left open or sent twice, and the old plugin's load context is collected.
/// </summary>
public sealed class StrategyHotSwapTests : Data.TempDirectoryTest
{
    private const int NewOffset = 30;
    private const double Tick = 0.01;
    private static readonly StrategyParameters Parameters = StrategyParameters.Parse(["order_qty=0.5", "interval_ms=100", "max_position=50"]);

    // The sample's sources with another default offset, published as a new build of the same plugin.
    private string Rebuild()
    {
        string source = Path.Combine(ConfigTestKit.RepositoryRoot, "samples", "MyStrategy");
        string copy = PathOf("MyStrategyV2");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(source, "*.cs")) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        string core = Path.Combine(ConfigTestKit.RepositoryRoot, "Core", "Core.csproj");
        File.WriteAllText(Path.Combine(copy, "MyStrategy.csproj"), File.ReadAllText(Path.Combine(source, "MyStrategy.csproj"))
            .Replace(@"..\..\Core\Core.csproj", core, StringComparison.Ordinal)
            // What the repository's Directory.Build.props gives the sample in place.
            .Replace("<IsTestProject>false</IsTestProject>", "<IsTestProject>false</IsTestProject><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable>", StringComparison.Ordinal));
        string settings = Path.Combine(copy, "OneLevelQuoterSettings.cs");
        string text = File.ReadAllText(settings);
        Assert.That(text, Does.Contain("int OffsetTicks = 0,"), "the sample's default offset moved; this test rewrites it");
        File.WriteAllText(settings, text.Replace("int OffsetTicks = 0,", $"int OffsetTicks = {NewOffset},", StringComparison.Ordinal));
        string output = PathOf("published-v2");
        string configuration = TestContext.CurrentContext.TestDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug" : "Release";
        var (exit, log) = SamplePlugin.Dotnet(copy, "publish", Path.Combine(copy, "MyStrategy.csproj"), "-c", configuration, "-o", output,
            "--nologo", "-v", "q", "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.That(exit, Is.Zero, log);
        return output;
    }

    // The open orders' distance from the touch in ticks (buys below the best bid, sells above the best ask), from the venue.
    private static async Task<List<double>> DistancesAsync(EmulatorSession venue)
    {
        var (depthStatus, depth, _) = await venue.GetAsync("/fapi/v1/depth?symbol=SIMUSDT&limit=5");
        var (openStatus, open, _) = await venue.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=SIMUSDT");
        Assert.That((depthStatus, openStatus), Is.EqualTo((200, 200)), $"depth {depth}; open orders {open}");
        double bestBid = double.Parse(depth.GetProperty("bids")[0][0].GetString()!, CultureInfo.InvariantCulture);
        double bestAsk = double.Parse(depth.GetProperty("asks")[0][0].GetString()!, CultureInfo.InvariantCulture);
        var distances = new List<double>();
        foreach (var o in open.EnumerateArray())
        {
            double price = double.Parse(o.GetProperty("price").GetString()!, CultureInfo.InvariantCulture);
            distances.Add(Math.Round((o.GetProperty("side").GetString() == "BUY" ? bestBid - price : price - bestAsk) / Tick));
        }
        return distances;
    }

    // Loads the plugins folder, hands out the factory and a weak reference to the plugin's load context; nothing
    // else of the registry stays on this method's stack.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (StrategyRegistry Registry, Func<Strategy> Factory, WeakReference Context) Load(string plugins)
    {
        var registry = StrategyRegistry.Load(plugins);
        var plugin = registry.Plugins.Single();
        return (registry, registry.Resolve(SamplePlugin.StrategyName, Parameters), plugin.ContextReference());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Unload(StrategyRegistry registry) => registry.Dispose();

    [Test]
    public async Task A_rebuilt_plugin_swapped_in_mid_session_quotes_anew_and_the_old_one_is_collected()
    {
        string v2 = Rebuild();
        string plugins = PathOf("plugins");
        SamplePlugin.CopyTo(plugins);
        // Slower than the recorded pace (the tests' default replays 50 times faster): the touch still moves up to about
        // ten ticks between a quote and a look at it, so the offsets compared are 0 and 30.
        // The test looks at the venue every few ms, from the engine's address: a weight budget of its own keeps the
        // engine's requests clear of the venue's per-IP limit.
        await using var venue = await EmulatorSession.StartAsync(o => o with { Speed = 0.5, Limits = o.Limits with { WeightPerMinute = 1_000_000 } });
        var instrument = new Instrument("SIMUSDT", "binance-futures", Tick, 0.01);
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret,
        };
        // The session makes strategies through this slot; a swap puts the new build's factory in it, so nothing of the
        // session holds the old build's code afterwards.
        var current = new Func<Strategy>?[1];
        var (first, firstFactory, firstContext) = Load(plugins);
        current[0] = firstFactory;
        firstFactory = null!;
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [new StrategySetup("quoter", () => current[0]!(), null)],
            VenueName = "binance-futures",
            Risk = RiskLimits.None,
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);

        var before = new List<double>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (before.Count < 20 && DateTime.UtcNow < deadline)
        {
            before.AddRange(await DistancesAsync(venue));
            await Task.Delay(100);
        }
        Assert.That(before, Has.Count.GreaterThanOrEqualTo(20), "the first build quoted");
        Assert.That(Median(before), Is.LessThanOrEqualTo(8), $"the first build quotes at the touch: {string.Join(" ", before)}");

        // The new build replaces the old files, as a publish into the plugins folder does, while the old one runs.
        string folder = Path.Combine(plugins, "MyStrategy");
        foreach (var file in Directory.GetFiles(v2)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        var (second, secondFactory, _) = Load(plugins);
        current[0] = secondFactory;
        var swapped = DateTime.UtcNow;
        var replaced = await session.ReplaceStrategyAsync("quoter", () => current[0]!(), cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        Assert.That(replaced.Error, Is.Null);
        // An order whose request is still in flight (a new order not yet acknowledged) cannot be cancelled yet: it goes to the new build.
        Assert.That(replaced.Cancelled + replaced.HandedOver, Is.GreaterThan(0), "the old build's open quotes were cancelled (or handed over, mid-request)");

        List<double> after;
        TimeSpan took;
        do
        {
            after = await DistancesAsync(venue);
            took = DateTime.UtcNow - swapped;
            await Task.Delay(5);
        }
        while ((after.Count < 2 || after.Any(d => d < NewOffset - 12)) && took < TimeSpan.FromSeconds(5));
        TestContext.Out.WriteLine($"quotes {string.Join(" ", before.Take(10))} ticks out before; {string.Join(" ", after)} after, {took.TotalMilliseconds:0} ms after the swap began; cancelled {replaced.Cancelled}, handed over {replaced.HandedOver}");
        Assert.That(after, Has.Count.EqualTo(2), "one bid and one ask from the new build");
        Assert.That(after, Has.All.GreaterThanOrEqualTo(NewOffset - 12), "the new build quotes its offset outside the touch");
        var settled = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            settled.AddRange(await DistancesAsync(venue));
            await Task.Delay(100);
        }
        TestContext.Out.WriteLine($"then: {string.Join(" ", settled)}");
        Assert.That(Median(settled), Is.EqualTo(NewOffset).Within(8), "the new build keeps quoting at its offset");
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(2)), "the quotes moved within a few requote intervals");

        // The old build: stopped, its factory gone from the session, its registry unloaded: the load context goes.
        Unload(first);
        first = null!;
        for (int i = 0; i < 30 && firstContext.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }
        Assert.That(firstContext.IsAlive, Is.False, "the old plugin's load context was collected");

        // Handed over instead: the next instance takes the open quotes as they are (same build, same offset: it keeps them).
        var open = await DistancesAsync(venue);
        var handed = await session.ReplaceStrategyAsync("quoter", () => current[0]!(), cancelOpenOrders: false, TimeSpan.FromSeconds(10));
        Assert.That(handed.Error, Is.Null);
        Assert.That((handed.Cancelled, handed.HandedOver), Is.EqualTo((0, open.Count)).Or.EqualTo((0, open.Count - 1)).Or.EqualTo((0, open.Count + 1)),
            "the quotes open at the swap were handed over, none cancelled (one may have filled or been placed meanwhile)");
        List<double> quoting;
        var until = DateTime.UtcNow.AddSeconds(3);
        do
        {
            await Task.Delay(100);
            quoting = await DistancesAsync(venue);
        }
        while (quoting.Count != 2 && DateTime.UtcNow < until);
        Assert.That(quoting, Has.Count.EqualTo(2), "the new instance quotes on with the orders it was handed");
        Assert.That(quoting, Has.All.GreaterThanOrEqualTo(NewOffset - 12));

        var result = session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        var report = venue.Emulator.Report();
        Assert.Multiple(() =>
        {
            Assert.That(report.OpenOrders, Is.Zero, "no order left behind");
            Assert.That(report.DuplicateClientOrderIds, Is.Zero, "no client order id sent twice");
            Assert.That(result.Orders, Is.GreaterThan(4));
        });
        second.Dispose();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
