using Hft.Core.Text;
using Hft.Engine.Config;

namespace Hft.Engine.Tests.Config;

/// <summary>"Did you mean": close enough to be a slip, not so loose that it proposes unrelated keys.</summary>
public sealed class KeySuggestionTests
{
    private static readonly string[] Keys = ["symbol", "venue", "tick_size", "lot_size", "contract", "contract_size", "data", "initial_snapshot"];

    [TestCase("tick_sise", "tick_size")]
    [TestCase("tcik_size", "tick_size")]
    [TestCase("ticksize", "tick_size")]
    [TestCase("Symbol", "symbol")]
    [TestCase("contract_sz", "contract_size")]
    [TestCase("initial", "initial_snapshot")]
    [TestCase("dat", "data")]
    public void Suggests(string given, string expected) => Assert.That(KeySuggestions.Closest(given, Keys), Is.EqualTo(expected));

    [TestCase("colour")]
    [TestCase("x")]
    [TestCase("price_increment")]
    [TestCase("ini")]
    public void Stays_quiet_when_nothing_is_close(string given) => Assert.That(KeySuggestions.Closest(given, Keys), Is.Null);
}
