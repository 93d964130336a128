using System.Text;
using Hft.Backtest.Conversion;
using Hft.Backtest.Conversion.Bybit;
using Hft.Core.Markets;
using Hft.Engine.Tests.Conversion;

namespace Hft.Engine.Tests.Exchanges.Bybit;

/// <summary>The live path's parse of a public-stream message gives the rows convert makes of the same message in a recording.</summary>
public sealed class BybitMarketMessageTests
{
    private static string OneLine(string json) => string.Join("", json.Split('\n').Select(l => l.Trim()));

    [TestCase("bybit/orderbook-snapshot.json", BybitMessageKind.Snapshot)]
    [TestCase("bybit/orderbook-delta.json", BybitMessageKind.Delta)]
    [TestCase("bybit/publicTrade.json", BybitMessageKind.Trades)]
    public void A_live_message_gives_the_rows_of_the_same_recorded_line(string fixture, BybitMessageKind kind)
    {
        string json = OneLine(ExchangeFixtures.Require(fixture));
        const long receivedAt = 1_700_000_000_123_456_789;
        var live = new EventRowStore();
        var parser = new BybitMessageParser();
        Assert.That(parser.ParseMessage(Encoding.UTF8.GetBytes(json), receivedAt, live), Is.EqualTo(kind));
        long liveU = parser.LastUpdate.LastId;
        var recorded = new EventRowStore();
        Assert.That(new BybitMessageParser().ParseLine(Encoding.UTF8.GetBytes(receivedAt.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + json), recorded), Is.EqualTo(kind));
        Assert.That(live.Count, Is.GreaterThan(0));
        Assert.That(live.Count, Is.EqualTo(recorded.Count));
        for (int k = 0; k < live.Count; k++) Assert.That(live[k], Is.EqualTo(recorded[k]), $"row {k}");
        Assert.That(live[0].LocalTime, Is.EqualTo(receivedAt));
        if (kind != BybitMessageKind.Trades) Assert.That(liveU, Is.GreaterThan(0), "the update id u is read for the book procedure");
    }

    [Test]
    public void A_malformed_live_message_adds_no_rows()
    {
        var rows = new EventRowStore();
        Assert.Throws<FormatException>(() => new BybitMessageParser().ParseMessage(
            """{"topic":"orderbook.50.X","type":"delta","ts":1,"data":{"s":"X","b":[["1","x"]],"a":[],"u":2}}"""u8, 0, rows));
        Assert.That(rows.Count, Is.EqualTo(0));
    }

    [Test]
    public void A_depth_not_subscribed_gives_no_rows()
    {
        var rows = new EventRowStore();
        var parser = new BybitMessageParser { Depth = 50 };
        string json = OneLine(ExchangeFixtures.Require("bybit/orderbook-snapshot.json")).Replace("orderbook.50.", "orderbook.1.", StringComparison.Ordinal);
        Assert.That(parser.ParseMessage(Encoding.UTF8.GetBytes(json), 0, rows), Is.EqualTo(BybitMessageKind.OtherDepth));
        Assert.That(rows.Count, Is.EqualTo(0));
    }
}
