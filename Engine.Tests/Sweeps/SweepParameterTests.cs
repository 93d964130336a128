using Hft.Engine.Sweeps;

namespace Hft.Engine.Tests.Sweeps;

public sealed class SweepParameterTests
{
    [Test]
    public void A_list_keeps_its_values_and_their_order()
    {
        var p = SweepParameter.Parse("queue=power3, risk-averse,log");
        Assert.That(p.Name, Is.EqualTo("queue"));
        Assert.That(p.Values, Is.EqualTo(new[] { "power3", "risk-averse", "log" }));
    }

    [TestCase("x=0.1..0.3:0.1", new[] { "0.1", "0.2", "0.3" })]
    [TestCase("n=5..20:5", new[] { "5", "10", "15", "20" })]
    [TestCase("n=1..10:4", new[] { "1", "5", "9" })]
    [TestCase("s=0.0005..0.002:0.0005", new[] { "0.0005", "0.001", "0.0015", "0.002" })]
    [TestCase("m=-1..1:1", new[] { "-1", "0", "1" })]
    [TestCase("one=7..7:1", new[] { "7" })]
    public void A_range_steps_exactly_and_includes_its_end(string text, string[] expected) =>
        Assert.That(SweepParameter.Parse(text).Values, Is.EqualTo(expected));

    [TestCase("grid_num", "expected NAME=")]
    [TestCase("=1,2", "expected NAME=")]
    [TestCase("x=", "empty value")]
    [TestCase("x=1,,2", "empty value")]
    [TestCase("x=1,1", "listed twice")]
    [TestCase("x=1..2", "needs a step")]
    [TestCase("x=1..2:0", "STEP must be positive")]
    [TestCase("x=2..1:1", "TO is below FROM")]
    [TestCase("x=a..2:1", "FROM 'a' is not a number")]
    [TestCase("x=0..1000000:1", "at most 10000")]
    [TestCase("backtest.nope=1", "cannot be swept")]
    public void A_bad_parameter_says_what_is_wrong(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SweepParameter.Parse(text))!;
        Assert.That(e.Message, Does.Contain(expected).And.Contain(text));
    }

    [Test]
    public void The_error_for_an_unknown_setting_lists_the_ones_that_can_be_swept()
    {
        var e = Assert.Throws<FormatException>(() => SweepParameter.Parse("risk.max_notional=1"))!;
        foreach (var name in SweepParameter.SettingNames) Assert.That(e.Message, Does.Contain(name));
    }

    [Test]
    public void A_plain_name_is_a_strategy_parameter_and_a_setting_its_backtest_option()
    {
        Assert.That(SweepParameter.Parse("grid_num=5").Arguments("5"), Is.EqualTo(new[] { "--param", "grid_num=5" }));
        Assert.That(SweepParameter.Parse("backtest.latency.entry_ms=1,2").Arguments("2"), Is.EqualTo(new[] { "--entry-latency-ms", "2" }));
        Assert.That(SweepParameter.Parse("backtest.queue.model=log").Arguments("log"), Is.EqualTo(new[] { "--queue-model", "log" }));
        Assert.That(SweepParameter.Parse("risk.max_position=3").Arguments("3"), Is.EqualTo(new[] { "--max-position", "3" }));
    }
}
