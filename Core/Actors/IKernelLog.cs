namespace Hft.Core.Actors;

/// <summary>
/// Where the kernel reports what happens to actors (failures, dead letters). Core has no logging
/// dependency; the host adapts this to its logger.
/// </summary>
public interface IKernelLog
{
    /// <summary>Something worth knowing in normal operation.</summary>
    void Info(string message);

    /// <summary>Something went wrong but the system carries on.</summary>
    void Warning(string message);

    /// <summary>An actor failed.</summary>
    void Error(Exception? exception, string message);
}
