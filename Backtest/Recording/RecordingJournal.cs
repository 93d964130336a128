using System.Runtime.CompilerServices;
using Akka.Actor;
using Hft.Core.Orders;

namespace Hft.Backtest.Recording;

/// <summary>
/// Sits on the order-state actor's journal path: passes every order change and fill to the run's journal (if
/// any) and tells the recorder about each fill. The recorder's message is queued before the order's owner is
/// told, so it samples the state right after the fill, before the strategy reacts.
/// </summary>
public sealed class RecordingJournal(ITradeJournal? inner, IActorRef recorder) : ITradeJournal
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnOrder(Order order, long localTime) => inner?.OnOrder(order, localTime);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnFill(Fill fill)
    {
        inner?.OnFill(fill);
        recorder.Tell(fill, ActorRefs.NoSender);
    }
}
