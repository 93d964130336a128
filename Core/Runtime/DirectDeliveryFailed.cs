using System.Runtime.ExceptionServices;

namespace Hft.Core.Runtime;

/// <summary>
/// Tells an actor that its handler on a <see cref="DirectEntry{THandler}"/> threw. The actor rethrows
/// <see cref="Cause"/> from its message handler, so its supervisor restarts, resumes or stops it.
/// </summary>
/// <param name="Cause">What the handler threw.</param>
public sealed record DirectDeliveryFailed(Exception Cause)
{
    /// <summary>Rethrows the cause with its original stack trace.</summary>
    public void Rethrow() => ExceptionDispatchInfo.Capture(Cause).Throw();
}
