using Akka.Actor;

namespace Hft.Core.Runtime;

/// <summary>
/// One-for-one supervision where each child has its own directive, looked up by the child's name (each strategy
/// under <c>/strategies</c> with the <c>on_error</c> it was configured with); a child without an entry gets the
/// fallback. Restarts are bounded by count; a window (wall time) only where the clock is real, since a window
/// would read the wall clock in the middle of a virtual-time run.
/// </summary>
public sealed class PerChildStrategy : OneForOneStrategy
{
    private readonly IReadOnlyDictionary<string, Directive> _directives;
    private readonly Directive _fallback;

    /// <summary>Creates the strategy.</summary>
    /// <param name="directives">Directive per child name.</param>
    /// <param name="fallback">Directive for a child without an entry.</param>
    /// <param name="maxRestarts">Restarts allowed (within <paramref name="window"/>, if given) before the child is stopped.</param>
    /// <param name="window">Null to count restarts over the whole run.</param>
    public PerChildStrategy(IReadOnlyDictionary<string, Directive> directives, Directive fallback, int maxRestarts, TimeSpan? window)
        : base(maxRestarts, window, _ => fallback)
    {
        _directives = directives;
        _fallback = fallback;
    }

    /// <inheritdoc />
    protected override Directive Handle(IActorRef child, Exception exception) =>
        _directives.TryGetValue(child.Path.Name, out var directive) ? directive : _fallback;
}
