using Hft.Exchanges.Emulators.BinanceSpot;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Emulators;

/// <summary>The entry point the <c>emulate</c> command calls.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SpotEmulatorRunTests
{
    [Test]
    public async Task RunAsyncStopsAfterTheDurationAndPrintsTheJsonSummary()
    {
        var options = new BinanceSpotOptions { Host = new HostSettings { Port = 0 }, Market = MarketTape.Generated(2_000, 3) };
        var output = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        int code;
        try { code = await BinanceSpotEmulator.RunAsync(options, TimeSpan.FromMilliseconds(300), json: true); }
        finally { Console.SetOut(output); }
        Assert.That(code, Is.EqualTo(0));
        Assert.That(captured.ToString(), Does.Contain("\"orders_received\":0").And.Contain("\"positions\":{\"SIMUSDT\":0}"));
    }
}
