namespace Hft.Core.Actors.Supervision;

/// <summary>
/// One-for-one supervision where each child has its own directive, looked up by the child's name (for example
/// each strategy under <c>/user/strategies</c> with the <c>on_error</c> it was configured with). Restarts are
/// bounded as by any strategy; a child without an entry gets <paramref name="fallback"/>.
/// </summary>
public sealed class PerChildStrategy(IReadOnlyDictionary<string, Directive> directives, Directive fallback, int maxRestarts, TimeSpan window)
    : SupervisorStrategy(maxRestarts, window, _ => fallback)
{
    /// <inheritdoc />
    public override Directive Decide(IActorRef child, Exception cause) =>
        directives.TryGetValue(child.Path.Name, out var directive) ? directive : fallback;

    /// <inheritdoc />
    public override bool AppliesToAllChildren => false;
}
