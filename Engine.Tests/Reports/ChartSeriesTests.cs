using Hft.Backtest.Recording;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Reports;

public sealed class ChartSeriesTests
{
    private const long Ms = 1_000_000;

    [Test]
    public void A_long_series_stays_within_capacity_and_keeps_its_spikes()
    {
        var chart = new ChartSeries(capacity: 100, initialWidth: 100 * Ms);
        for (int i = 0; i < 1_000_000; i++)
        {
            double price = i == 654_321 ? 500 : i == 123_456 ? 10 : 100;
            chart.Add(i * 100 * Ms, price, i, -1, i % 3);
        }
        var buckets = chart.Snapshot();
        Assert.That(buckets.Length, Is.LessThanOrEqualTo(100));
        Assert.That(buckets.Length, Is.GreaterThan(50), "compaction halves, never more");
        Assert.That(buckets.Max(b => b.PriceMax), Is.EqualTo(500));
        Assert.That(buckets.Min(b => b.PriceMin), Is.EqualTo(10));
        Assert.That(buckets[^1].EquityLast, Is.EqualTo(999_999));
        Assert.That(buckets[0].EquityMin, Is.EqualTo(0));
        Assert.That(buckets.Zip(buckets.Skip(1)).All(p => p.First.LastTime < p.Second.FirstTime), "time order, no overlap");
    }

    [Test]
    public void Fills_are_aggregated_per_bucket_at_their_average_price()
    {
        var chart = new ChartSeries(capacity: 10, initialWidth: 1000 * Ms);
        chart.Add(0, 100, 0, 0, 0);
        chart.AddFill(10 * Ms, Side.Buy, 99, 1);
        chart.AddFill(20 * Ms, Side.Buy, 102, 2);
        chart.AddFill(30 * Ms, Side.Sell, 101, 1);
        chart.AddFill(5_000 * Ms, Side.Sell, 105, 1);
        var b = chart.Snapshot();
        Assert.That(b, Has.Length.EqualTo(2));
        Assert.That(b[0].Buys, Is.EqualTo(2));
        Assert.That(b[0].BuyPrice, Is.EqualTo(101));
        Assert.That(b[0].SellPrice, Is.EqualTo(101));
        Assert.That(b[1].Sells, Is.EqualTo(1));
        Assert.That(double.IsNaN(b[1].BuyPrice), Is.True);
        Assert.That(double.IsNaN(b[1].PriceLast), Is.True, "a bucket with only a fill has no price sample");
    }

    [Test]
    public void Missing_values_are_left_out_of_their_series()
    {
        var chart = new ChartSeries(capacity: 4, initialWidth: Ms);
        chart.Add(0, double.NaN, double.NaN, double.NaN, 0);
        chart.Add(10 * Ms, 100, 5, 0, 1);
        var b = chart.Snapshot();
        Assert.That(double.IsNaN(b[0].PriceMin), Is.True);
        Assert.That(b[0].PositionLast, Is.EqualTo(0));
        Assert.That(b[^1].PriceLast, Is.EqualTo(100));
    }
}
