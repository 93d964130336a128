using Hft.Core.Strategies;

namespace Hft.Engine.Tests.Strategies;

/// <summary>How a strategy type and its settings record become a name, parameters and a factory.</summary>
public sealed class StrategyDescriptorTests
{
    public enum Mode { Passive, VeryAggressive }

    public sealed record ExampleSettings(
        [StrategyParameter(Description = "how far")] double DistanceTicks = 2.5,
        [StrategyParameter("qty")] double OrderQuantity = 1,
        int IntervalMs = 100,
        long MaxOrders = 10,
        bool Enabled = true,
        Mode Mode = Mode.Passive,
        string Label = "x")
    {
        [StrategyParameter(Description = "an init-only extra")]
        public float Extra { get; init; } = 0.5f;

        public IReadOnlyList<int> NotAParameter { get; init; } = [];
    }

    [Strategy("example", Description = "for tests")]
    public sealed class Example(ExampleSettings settings) : Strategy
    {
        public ExampleSettings Settings { get; } = settings;
    }

    public sealed record RequiredSettings(int Levels, double Spread = 1);

    [Strategy("required")]
    public sealed class NeedsLevels(RequiredSettings settings) : Strategy
    {
        public RequiredSettings Settings { get; } = settings;
    }

    [Strategy("plain")]
    public sealed class Plain : Strategy;

    [Strategy("bad name")]
    public sealed class BadName : Strategy;

    [Strategy("abstract")]
    public abstract class AbstractOne : Strategy;

    [Strategy("no_ctor")]
    public sealed class NoUsableConstructor(int levels) : Strategy
    {
        public int Levels { get; } = levels;
    }

    public sealed record ListSettings(List<int> Levels);

    [Strategy("lists")]
    public sealed class TakesList(ListSettings settings) : Strategy
    {
        public ListSettings Settings { get; } = settings;
    }

    public sealed record ClashSettings([StrategyParameter("speed")] double A = 1, [StrategyParameter("speed")] double B = 2);

    [Strategy("clash")]
    public sealed class Clash(ClashSettings settings) : Strategy
    {
        public ClashSettings Settings { get; } = settings;
    }

    [TestCase("RelativeHalfSpread", "relative_half_spread")]
    [TestCase("IntervalMs", "interval_ms")]
    [TestCase("MaxPositionUSD", "max_position_usd")]
    [TestCase("HTTPTimeout", "http_timeout")]
    [TestCase("Adj1", "adj1")]
    [TestCase("C1", "c1")]
    [TestCase("already_snake", "already_snake")]
    public void Member_names_become_snake_case(string member, string parameter) =>
        Assert.That(StrategyDescriptor.ToSnakeCase(member), Is.EqualTo(parameter));

    [Test]
    public void Parameters_list_constructor_parameters_then_settable_properties_with_types_and_defaults()
    {
        var d = StrategyDescriptor.Of<Example>();
        Assert.That((d.Name, d.Description, d.SettingsType), Is.EqualTo(("example", "for tests", typeof(ExampleSettings))));
        Assert.That(d.Parameters.Select(p => (p.Name, p.Type, p.Default)), Is.EqualTo(new[]
        {
            ("distance_ticks", "number", "2.5"), ("qty", "number", "1"), ("interval_ms", "integer", "100"), ("max_orders", "integer", "10"),
            ("enabled", "boolean", "true"), ("mode", "passive|very_aggressive", "passive"), ("label", "string", "x"), ("extra", "number", "0.5"),
        }));
        Assert.That(d.Parameters[0].Description, Is.EqualTo("how far"));
        Assert.That(d.HasDefaults, Is.True);
    }

    [Test]
    public void Binding_parses_each_type_and_the_factory_makes_a_fresh_strategy_each_time()
    {
        var factory = StrategyDescriptor.Of<Example>().Bind(StrategyParameters.Parse(
            ["distance_ticks=inf", "qty=0.25", "interval_ms=5", "max_orders=10000000000", "enabled=False", "mode=very_aggressive", "label=hi there", "extra=1.5"]));
        var a = (Example)factory();
        var b = (Example)factory();
        Assert.That(a, Is.Not.SameAs(b));
        Assert.That(a.Settings, Is.SameAs(b.Settings), "bound once, shared by every instance");
        var s = a.Settings;
        Assert.That((s.DistanceTicks, s.OrderQuantity, s.IntervalMs, s.MaxOrders, s.Enabled, s.Mode, s.Label, s.Extra),
            Is.EqualTo((double.PositiveInfinity, 0.25, 5, 10_000_000_000L, false, Mode.VeryAggressive, "hi there", 1.5f)));
        Assert.That(((Example)StrategyDescriptor.Of<Example>().Bind(StrategyParameters.Parse(["mode=VeryAggressive"]))()).Settings.Mode, Is.EqualTo(Mode.VeryAggressive));
    }

    [TestCase("interval_ms=1.5", "interval_ms", "parameter 'interval_ms': expected an integer, got '1.5'")]
    [TestCase("qty=lots", "qty", "parameter 'qty': expected a number, got 'lots'")]
    [TestCase("enabled=yes", "enabled", "parameter 'enabled': expected true or false, got 'yes'")]
    [TestCase("mode=fast", "mode", "parameter 'mode': expected one of passive, very_aggressive, got 'fast'")]
    [TestCase("intervl_ms=5", "intervl_ms", "strategy 'example' has no parameter 'intervl_ms' (did you mean 'interval_ms'?)")]
    public void Bad_values_name_the_parameter(string pair, string key, string message)
    {
        Assert.That(() => StrategyDescriptor.Of<Example>().Bind(StrategyParameters.Parse([pair])),
            Throws.TypeOf<StrategyParameterException>().With.Property("Key").EqualTo(key).And.Message.StartsWith(message));
    }

    [Test]
    public void A_parameter_without_a_default_is_required()
    {
        var d = StrategyDescriptor.Of<NeedsLevels>();
        Assert.That(d.HasDefaults, Is.False);
        Assert.That(d.Parameters[0], Is.EqualTo(new StrategyParameterDescription("levels", "integer", "(required)", "", true)));
        Assert.That(() => d.Bind(StrategyParameters.Empty), Throws.TypeOf<StrategyParameterException>()
            .With.Message.EqualTo("strategy 'required' needs parameter 'levels'"));
        Assert.That(((NeedsLevels)d.Bind(StrategyParameters.Parse(["levels=3"]))()).Settings, Is.EqualTo(new RequiredSettings(3)));
    }

    [Test]
    public void A_strategy_without_settings_has_no_parameters_and_rejects_any()
    {
        var d = StrategyDescriptor.Of<Plain>();
        Assert.That(d.Parameters, Is.Empty);
        Assert.That(d.Bind(StrategyParameters.Empty)(), Is.TypeOf<Plain>());
        Assert.That(() => d.Bind(StrategyParameters.Parse(["x=1"])), Throws.TypeOf<StrategyParameterException>()
            .With.Message.StartsWith("strategy 'plain' has no parameter 'x'"));
    }

    [TestCase(typeof(BadName), "strategy name 'bad name' is not valid")]
    [TestCase(typeof(AbstractOne), "is on an abstract or generic type")]
    [TestCase(typeof(NoUsableConstructor), "needs a public constructor taking its settings")]
    [TestCase(typeof(TakesList), "parameter 'Levels' is a List`1, which cannot be given as text")]
    [TestCase(typeof(Clash), "two members are both named parameter 'speed'")]
    [TestCase(typeof(StrategyDescriptorTests), "has no [Strategy(\"name\")] attribute")]
    public void Types_that_break_the_conventions_are_refused_with_the_reason(Type type, string reason)
    {
        Assert.That(() => StrategyDescriptor.Create(type), Throws.TypeOf<StrategyDefinitionException>().With.Message.Contains(reason));
    }
}
