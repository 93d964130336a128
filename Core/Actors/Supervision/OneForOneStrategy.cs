namespace Hft.Core.Actors.Supervision;

/// <summary>The directive applies only to the child that failed.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy; see <see cref="SupervisorStrategy"/> for the parameters.</summary>
    public OneForOneStrategy(int maxRestarts, TimeSpan window, Func<Exception, Directive> decider)
        : base(maxRestarts, window, decider) { }

    /// <summary>Creates the strategy with an unbounded number of restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : base(-1, TimeSpan.Zero, decider) { }

    /// <inheritdoc />
    public override bool AppliesToAllChildren => false;
}
