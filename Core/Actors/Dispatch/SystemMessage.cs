namespace Hft.Core.Actors.Dispatch;

/// <summary>Kernel-internal messages that manage an actor's life; never seen by actor code.</summary>
internal abstract class SystemMessage
{
}

/// <summary>Make the actor instance and run <c>PreStart</c>.</summary>
internal sealed class CreateActor : SystemMessage
{
    public static readonly CreateActor Instance = new();
}

/// <summary>Stop the actor now (its children first).</summary>
internal sealed class TerminateActor : SystemMessage
{
    public static readonly TerminateActor Instance = new();
}

/// <summary>A child failed; its supervisor (the receiver) decides.</summary>
internal sealed class ChildFailed(ActorCell child, Exception cause, object? message) : SystemMessage
{
    public ActorCell Child { get; } = child;
    public Exception Cause { get; } = cause;
    public object? FailedMessage { get; } = message;
}

/// <summary>The supervisor's decision for a suspended actor.</summary>
internal sealed class ApplyDirective(Supervision.Directive directive, Exception cause, object? message) : SystemMessage
{
    public Supervision.Directive Directive { get; } = directive;
    public Exception Cause { get; } = cause;
    public object? FailedMessage { get; } = message;
}
