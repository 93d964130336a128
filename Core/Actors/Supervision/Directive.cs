namespace Hft.Core.Actors.Supervision;

/// <summary>What a supervisor does with a child that threw.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; carry on with the next message.</summary>
    Resume,
    /// <summary>Replace the instance with a fresh one; the reference and pending mailbox are kept.</summary>
    Restart,
    /// <summary>Stop the actor; its later messages go to dead letters.</summary>
    Stop,
    /// <summary>Fail the supervisor itself with the same exception, for its own parent to decide.</summary>
    Escalate,
}
