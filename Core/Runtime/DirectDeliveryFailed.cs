using System.Runtime.ExceptionServices;

namespace Hft.Core.Runtime;

/// <summary>
/// Tells an actor that its handler on a <see cref="DirectEntry{THandler}"/> threw. The actor calls <see cref="Rethrow"/>
/// from its message handler, so its supervisor restarts, resumes or stops it.
/// </summary>
/// <param name="Cause">What the handler threw.</param>
/// <param name="Reattach">Attaches the failed handler to its entry again.</param>
public sealed record DirectDeliveryFailed(Exception Cause, Action Reattach)
{
    /// <summary>Attaches the handler again (it stays attached only if the supervisor resumes it), then rethrows the cause with its original stack trace.</summary>
    public void Rethrow()
    {
        Reattach();
        ExceptionDispatchInfo.Capture(Cause).Throw();
    }
}
