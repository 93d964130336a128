using Hft.Engine.Sweeps;

namespace Hft.Engine.Tests.Sweeps;

/// <summary>Rows from summaries, their ranking and <c>sweep.csv</c>.</summary>
public sealed class SweepResultTests
{
    private static readonly SweepGrid Grid = SweepGrid.Create([SweepParameter.Parse("a=1,2,3,4")]);

    private static SweepRow Row(int index, string json) => SweepRow.FromSummary(Grid.Points[index], json);

    [Test]
    public void A_summary_becomes_dotted_columns_without_wall_time_or_arrays()
    {
        var row = Row(0, """{"events":10,"wall_seconds":0.5,"events_per_second":20,"pnl":1.25,"strategy":"grid","instruments":[{"symbol":"X"}],"statistics":{"sharpe":null,"trades":3}}""");
        Assert.That(row.Columns.Select(c => c.Key), Is.EqualTo(new[] { "events", "pnl", "strategy", "statistics.sharpe", "statistics.trades" }));
        Assert.That(row.Value("pnl"), Is.EqualTo("1.25"));
        Assert.That(row.Value("statistics.sharpe"), Is.EqualTo(""), "a non-finite ratio is an empty cell");
        Assert.That(row.Number("statistics.sharpe"), Is.Null);
    }

    [Test]
    public void Rows_of_one_sweep_share_their_column_names_and_keep_booleans_as_written()
    {
        var names = new SweepColumnNames();
        var first = SweepRow.FromSummary(Grid.Points[0], """{"pnl":1,"statistics":{"recovered":true}}""", names);
        var second = SweepRow.FromSummary(Grid.Points[1], """{"pnl":2,"statistics":{"recovered":false}}""", names);
        Assert.That(second.Columns.Select(c => c.Key), Is.EqualTo(new[] { "pnl", "statistics.recovered" }));
        for (int i = 0; i < first.Columns.Count; i++)
            Assert.That(ReferenceEquals(first.Columns[i].Key, second.Columns[i].Key), Is.True, first.Columns[i].Key);
        Assert.That((first.Value("statistics.recovered"), second.Value("statistics.recovered")), Is.EqualTo(("true", "false")));
    }

    [Test]
    public void Higher_is_better_unless_the_statistic_says_lower_and_runs_without_a_value_come_last()
    {
        var rows = new[]
        {
            Row(0, """{"statistics":{"sharpe":1.0,"max_drawdown":5}}"""),
            Row(1, """{"statistics":{"sharpe":null,"max_drawdown":1}}"""),
            Row(2, """{"statistics":{"sharpe":3.0,"max_drawdown":9}}"""),
            Row(3, """{"statistics":{"sharpe":1.0,"max_drawdown":5}}"""),
        };
        var bySharpe = SweepRanking.Rank(rows, "sharpe");
        Assert.That(bySharpe.Column, Is.EqualTo("statistics.sharpe"));
        Assert.That(bySharpe.Ordered.Select(r => r.Point.Index), Is.EqualTo(new[] { 2, 0, 3, 1 }), "ties keep grid order");
        var byDrawdown = SweepRanking.Rank(rows, "max_drawdown");
        Assert.That(byDrawdown.LowerIsBetter, Is.True);
        Assert.That(byDrawdown.Ordered.Select(r => r.Point.Index), Is.EqualTo(new[] { 1, 0, 3, 2 }));
    }

    [Test]
    public void Ranking_by_an_unknown_column_names_the_ones_there_are() =>
        Assert.That(() => SweepRanking.Rank([Row(0, """{"pnl":1}""")], "pnl_ratio"),
            Throws.ArgumentException.With.Message.Contains("--rank-by pnl_ratio: no such column").And.Message.Contains("pnl"));

    [Test]
    public void The_csv_has_the_parameters_then_every_column_in_grid_order_and_quotes_what_needs_it()
    {
        var rows = new[]
        {
            Row(0, """{"pnl":1,"strategy":"a,b"}"""),
            new SweepRow(Grid.Points[1], [], "bad \"value\""),
            Row(2, """{"pnl":2,"extra":5}"""),
        };
        Assert.That(SweepCsv.Format(Grid, rows), Is.EqualTo(
            "a,pnl,strategy,extra,error\n" +
            "1,1,\"a,b\",,\n" +
            "2,,,,\"bad \"\"value\"\"\"\n" +
            "3,2,,5,\n"));
    }
}
