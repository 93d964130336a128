using System.Text.Json;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Binance.Common;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>Symbol rules from the venues' exchangeInfo fixtures: futures' MIN_NOTIONAL.notional, spot's minNotional fields.</summary>
public sealed class BinanceSymbolFiltersTests
{
    [Test]
    public void Futures_rules_read_from_the_published_answer()
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("binance-futures/rest-exchangeInfo-response.json"));
        var rules = BinanceSymbolFilters.Find(doc.RootElement, "BLZUSDT")!;
        Assert.That((rules.TickSize, rules.StepSize, rules.MinQuantity, rules.MinNotional), Is.EqualTo((0.0001m, 1m, 1m, 5m)));
        Assert.That(BinanceSymbolFilters.Find(doc.RootElement, "NOPE"), Is.Null);
        var limits = new BinanceRateLimits(1, 1, 1);
        limits.Apply(doc.RootElement);
        Assert.That((limits.WeightPerMinute, limits.OrdersPerMinute), Is.EqualTo((2400, 1200)), "the published rateLimits replace the defaults");
    }

    [Test]
    public void Spot_rules_take_the_larger_of_min_notional_and_notional()
    {
        string filters = ExchangeFixtures.Require("binance-spot/exchangeInfo-filters.json");
        using var doc = JsonDocument.Parse($$"""{"symbols":[{"symbol":"BNBBTC","status":"TRADING","filters":{{filters}}}]}""");
        var rules = BinanceSymbolFilters.Find(doc.RootElement, "BNBBTC")!;
        Assert.That((rules.TickSize, rules.StepSize, rules.MinNotional), Is.EqualTo((0.000001m, 0.001m, 10m)));
        Assert.That(rules.Trading, Is.True);
    }
}
