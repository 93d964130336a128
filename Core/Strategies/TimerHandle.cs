using Akka.Actor;

namespace Hft.Core.Strategies;

/// <summary>A timer set with <see cref="IStrategyContext.Every"/> or <see cref="IStrategyContext.After"/>.</summary>
public sealed class TimerHandle
{
    private readonly ICancelable _cancelable;

    internal TimerHandle(ICancelable cancelable) => _cancelable = cancelable;

    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    public bool IsCancelled => _cancelable.IsCancellationRequested;

    /// <summary>Stops the timer; a tick already due may still arrive.</summary>
    public void Cancel() => _cancelable.Cancel();
}
