namespace Hft.Core.Actors.Supervision;

/// <summary>The directive applies to every child of the supervisor when one of them fails.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy; see <see cref="SupervisorStrategy"/> for the parameters.</summary>
    public AllForOneStrategy(int maxRestarts, TimeSpan window, Func<Exception, Directive> decider)
        : base(maxRestarts, window, decider) { }

    /// <summary>Creates the strategy with an unbounded number of restarts.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : base(-1, TimeSpan.Zero, decider) { }

    /// <inheritdoc />
    public override bool AppliesToAllChildren => true;
}
