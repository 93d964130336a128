using Akka.Actor;
using Hft.Core.Strategies;

namespace Hft.Engine.Config;

/// <summary>One strategy (<c>[[strategies]]</c>).</summary>
/// <param name="Name">Actor name under <c>/user/strategies</c> (<c>name</c>, default: the kind); unique.</param>
/// <param name="Kind">Which strategy of the catalog (<c>kind</c>), e.g. <c>grid</c>.</param>
/// <param name="OnError">What the supervisor does when it throws (<c>on_error</c>): restart, resume or stop.</param>
/// <param name="Parameters">
/// The free-form <c>[strategies.params]</c> table as text, in file order. Strategies read parameters as strings
/// (the same as <c>--param key=value</c>), so numbers are written in invariant culture, round-trippable.
/// </param>
public sealed record StrategySettings(string Name, string Kind, Directive OnError, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>Fresh parameters for the catalog (they track which keys were used, so make one per resolve).</summary>
    public StrategyParameters ToParameters() => new(Parameters);
}
