namespace Hft.Core.Actors.Supervision;

/// <summary>
/// How a parent treats failing children: a decider maps the exception to a <see cref="Directive"/>, and
/// restarts are bounded: more than <see cref="MaxRestarts"/> within <see cref="Window"/> stops the child.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    /// <param name="maxRestarts">Restarts allowed within <paramref name="window"/>; negative for no limit.</param>
    /// <param name="window">The window in which restarts are counted; <see cref="TimeSpan.Zero"/> counts forever.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    protected SupervisorStrategy(int maxRestarts, TimeSpan window, Func<Exception, Directive> decider)
    {
        MaxRestarts = maxRestarts;
        Window = window;
        Decider = decider ?? throw new ArgumentNullException(nameof(decider));
    }

    /// <summary>Restarts allowed within <see cref="Window"/> (negative: unlimited).</summary>
    public int MaxRestarts { get; }

    /// <summary>The window in which restarts are counted (zero: the whole lifetime).</summary>
    public TimeSpan Window { get; }

    /// <summary>Maps an exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>
    /// The directive for <paramref name="child"/>, which threw <paramref name="cause"/>. Defaults to the
    /// <see cref="Decider"/>; a supervisor whose children need different directives overrides it.
    /// </summary>
    public virtual Directive Decide(IActorRef child, Exception cause) => Decider(cause);

    /// <summary>True if the directive applies to every child of the supervisor, not just the one that failed.</summary>
    public abstract bool AppliesToAllChildren { get; }

    /// <summary>Restart on any exception, without limit (the default for every actor, as in Akka).</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(-1, TimeSpan.Zero, _ => Directive.Restart);

    /// <summary>A decider that always returns <paramref name="directive"/>.</summary>
    public static Func<Exception, Directive> Always(Directive directive) => _ => directive;
}
