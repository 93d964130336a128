using Akka.Actor;

namespace Hft.Engine.Metrics;

/// <summary>
/// Runs on the session's loop and answers <see cref="TakeSessionSnapshot"/> with a snapshot built there, so state the
/// loop owns (dictionaries, accounts, breakers) is only ever read on the loop. One message per scrape; nothing on the
/// market-data path.
/// </summary>
internal sealed class SessionProbeActor : ReceiveActor
{
    /// <summary>A probe that answers with what <paramref name="take"/> builds.</summary>
    public SessionProbeActor(Func<SessionSnapshot> take)
    {
        Receive<TakeSessionSnapshot>(_ => Sender.Tell(take()));
    }
}
