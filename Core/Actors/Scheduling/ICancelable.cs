namespace Hft.Core.Actors.Scheduling;

/// <summary>A scheduled delivery that can be called off.</summary>
public interface ICancelable
{
    /// <summary>Calls off every later delivery; a message already delivered stays delivered.</summary>
    void Cancel();

    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }
}
