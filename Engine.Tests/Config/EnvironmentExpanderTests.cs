using Hft.Engine.Config;

namespace Hft.Engine.Tests.Config;

/// <summary><c>${NAME}</c> substitution in configuration strings.</summary>
public sealed class EnvironmentExpanderTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["A"] = "alpha", ["B_2"] = "beta", ["EMPTY"] = "" };

    private static string? Lookup(string name) => Vars.GetValueOrDefault(name);

    [TestCase("plain", "plain")]
    [TestCase("${A}", "alpha")]
    [TestCase("x-${A}-${B_2}-y", "x-alpha-beta-y")]
    [TestCase("${EMPTY}", "")]
    [TestCase("$A and $ alone", "$A and $ alone")]
    [TestCase("$${A}", "${A}")]
    [TestCase("cost: $5", "cost: $5")]
    [TestCase("${A}${A}", "alphaalpha")]
    public void Expands(string text, string expected)
    {
        Assert.That(EnvironmentExpander.TryExpand(text, Lookup, out var result, out var error), Is.True, error);
        Assert.That(result, Is.EqualTo(expected));
    }

    [TestCase("${MISSING}", "environment variable MISSING is not set")]
    [TestCase("a${A", "'${' without a closing '}' (write '$${' for a literal '${')")]
    [TestCase("${}", "'${...}' must hold an environment variable name: letters, digits and '_', not starting with a digit")]
    [TestCase("${1A}", "'${...}' must hold an environment variable name: letters, digits and '_', not starting with a digit")]
    [TestCase("${A-B}", "'${...}' must hold an environment variable name: letters, digits and '_', not starting with a digit")]
    public void Fails(string text, string expected)
    {
        Assert.That(EnvironmentExpander.TryExpand(text, Lookup, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo(expected));
    }

    [Test]
    public void A_value_is_not_expanded_again()
    {
        Assert.That(EnvironmentExpander.TryExpand("${X}", n => n == "X" ? "${A}" : null, out var result, out _), Is.True);
        Assert.That(result, Is.EqualTo("${A}"));
    }
}
