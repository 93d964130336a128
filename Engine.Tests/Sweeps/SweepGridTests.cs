using Hft.Engine.Sweeps;

namespace Hft.Engine.Tests.Sweeps;

public sealed class SweepGridTests
{
    private static SweepGrid Grid(params string[] parameters) => SweepGrid.Create(parameters.Select(SweepParameter.Parse).ToList());

    [Test]
    public void The_first_parameter_varies_slowest()
    {
        var grid = Grid("a=1,2", "b=x,y,z");
        Assert.That(grid.Points.Select(p => string.Join("/", p.Values)), Is.EqualTo(new[] { "1/x", "1/y", "1/z", "2/x", "2/y", "2/z" }));
        Assert.That(grid.Points.Select(p => p.Index), Is.EqualTo(Enumerable.Range(0, 6)));
    }

    [Test]
    public void Every_combination_appears_once()
    {
        var grid = Grid("a=1..4:1", "b=1..3:1", "c=p,q");
        Assert.That(grid.Points, Has.Count.EqualTo(24));
        Assert.That(grid.Points.Select(p => string.Join("/", p.Values)).Distinct().Count(), Is.EqualTo(24));
    }

    [Test]
    public void A_parameter_given_twice_is_refused() =>
        Assert.That(() => Grid("a=1", "a=2"), Throws.ArgumentException.With.Message.Contains("--param a is given twice"));

    [Test]
    public void No_parameter_is_refused() =>
        Assert.That(() => Grid(), Throws.ArgumentException.With.Message.Contains("at least one --param"));

    [Test]
    public void A_grid_too_large_is_refused_before_it_is_built() =>
        Assert.That(() => Grid("a=1..1000:1", "b=1..1000:1"), Throws.ArgumentException.With.Message.Contains("more than 100,000 runs"));
}
