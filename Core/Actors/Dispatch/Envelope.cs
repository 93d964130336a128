namespace Hft.Core.Actors.Dispatch;

/// <summary>
/// One message waiting in the core loop's FIFO: either a reference in <see cref="Message"/>, or a struct
/// parked in <see cref="Lane"/>.
/// </summary>
internal struct Envelope
{
    public ActorCell Target;
    public object? Message;
    public MessageLane? Lane;
    public IActorRef? Sender;
}
