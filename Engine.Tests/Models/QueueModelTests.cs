using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Engine.Tests.Models;

public sealed class QueueModelTests
{
    // Worked values from the reference notes for (front, back) = (3, 7) and (7, 3).
    private static readonly object[] Worked =
    [
        new object[] { new PowerProbability(2), 0.844828, 0.155172 },
        new object[] { new PowerProbability2(2), 0.49, 0.09 },
        new object[] { new PowerProbability3(2), 0.91, 0.51 },
        new object[] { new PowerProbability(3), 0.927027, 0.072973 },
        new object[] { new PowerProbability2(3), 0.343, 0.027 },
        new object[] { new PowerProbability3(3), 0.973, 0.657 },
        new object[] { new LogProbability(), 0.6, 0.4 },
        new object[] { new LogProbability2(), 0.867194, 0.578130 },
    ];

    [TestCaseSource(nameof(Worked))]
    public void Probability_functions_match_the_reference_values(IQueueProbability f, double at37, double at73)
    {
        Assert.That(f.Probability(3, 7), Is.EqualTo(at37).Within(1e-6));
        Assert.That(f.Probability(7, 3), Is.EqualTo(at73).Within(1e-6));
    }

    private static (MarketDepth Depth, ExchangeOrder Order) Resting(IQueueModel model, double levelQty)
    {
        var depth = new MarketDepth(0.1, 1);
        depth.UpdateBid(100.0, levelQty);
        var order = new ExchangeOrder(1, Side.Buy, 1000, 1, TimeInForce.Gtc, OrderType.Limit, 0, 0);
        model.NewOrder(order, depth);
        return (depth, order);
    }

    [Test]
    public void Unexplained_decrease_is_split_by_the_probability()
    {
        var model = new ProbQueueModel(new LogProbability2());
        var (depth, order) = Resting(model, 10);
        model.Trade(order, 7, depth);               // front 3, cumulative trades 7
        model.Depth(order, 10, 3, depth);            // explained by the trades: chg = 10 - 3 - 7 = 0
        Assert.That(order.FrontQuantity, Is.EqualTo(3));
        model.Depth(order, 3, 3, depth);
        // A level of 10 with 3 ahead (back 7) shrinking to 6: chg 4, p = ln 8 / ln 11 = 0.867194,
        // front = 3 − (1 − p)·4 + min(7 − 4p, 0) = 2.468778.
        var (d2, o2) = Resting(model, 10);
        o2.FrontQuantity = 3;
        model.Depth(o2, 10, 6, d2);
        Assert.That(o2.FrontQuantity, Is.EqualTo(3 - (1 - Math.Log(8) / Math.Log(11)) * 4).Within(1e-12));
        Assert.That(o2.FrontQuantity, Is.EqualTo(2.468778).Within(1e-6));
    }

    [Test]
    public void Growth_joins_behind_and_never_moves_us_back()
    {
        var model = new ProbQueueModel(new PowerProbability3(3));
        var (depth, order) = Resting(model, 5);
        model.Depth(order, 5, 12, depth);
        Assert.That(order.FrontQuantity, Is.EqualTo(5));
        model.Depth(order, 12, 2, depth);
        Assert.That(order.FrontQuantity, Is.LessThanOrEqualTo(2));
    }

    [Test]
    public void A_NaN_probability_leaves_the_new_level_size_as_Rust_min_does()
    {
        // front = back = 0: ln(1) / (ln(1) + ln(1)) is 0/0; the estimate is NaN and Rust's f64::min picks the other side.
        var model = new ProbQueueModel(new LogProbability());
        var (depth, order) = Resting(model, 0);
        model.Depth(order, 0, 0, depth);
        Assert.That(order.FrontQuantity, Is.EqualTo(0));
        Assert.That(double.IsNaN(order.FrontQuantity), Is.False);
    }

    [Test]
    public void Fill_needs_an_overshoot_of_half_a_lot_for_every_model()
    {
        foreach (var model in new IQueueModel[] { new RiskAverseQueueModel(), new ProbQueueModel(new PowerProbability(2)) })
        {
            var (depth, order) = Resting(model, 4);
            model.Trade(order, 4, depth);
            Assert.That(model.IsFilled(order, depth), Is.Zero, "exact depletion does not fill");
            model.Trade(order, 0.49, depth);
            Assert.That(model.IsFilled(order, depth), Is.Zero);
            model.Trade(order, 0.01, depth);
            Assert.That(model.IsFilled(order, depth), Is.EqualTo(1));
            Assert.That(order.FrontQuantity, Is.Zero);
        }
    }

    [Test]
    public void Models_resolve_by_name_and_unknown_names_list_the_choices()
    {
        Assert.That(QueueModels.Resolve("log2")(), Is.TypeOf<ProbQueueModel>());
        Assert.That(QueueModels.Resolve("risk-averse")(), Is.TypeOf<RiskAverseQueueModel>());
        Assert.That(() => QueueModels.Resolve("fifo"), Throws.ArgumentException.With.Message.Contains("available: risk-averse, power1"));
    }
}
