namespace Hft.Core.Actors;

/// <summary>A message that could not be delivered because its receiver had stopped.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor it was meant for.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
