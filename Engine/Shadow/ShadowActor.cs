using Akka.Actor;
using Akka.Event;
using Hft.Core.Markets;
using Hft.Core.Risk.Breakers;
using Hft.Core.Runtime;
using Hft.Core.Time;
using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>
/// <c>/shadow</c>: feeds the <see cref="ShadowVenue"/> the live rows (on the same-thread path, at exchange time, before
/// the books see them), the requests and the venue's reports (the order-state actor copies them here), and tells the
/// risk actor each new divergence for its breaker. In paper mode the rows go on to the simulated venue after it.
/// </summary>
internal sealed class ShadowActor : ReceiveActor, IMarketEventSink, IWithTimers
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);
    private readonly ShadowVenue _venue;
    private readonly IClock _clock;
    private readonly DirectEntry<IMarketEventSink> _entry;
    private readonly DirectEntry<IMarketEventSink>? _next;
    private readonly Func<IActorRef> _risk;

    /// <summary>Creates the actor over <paramref name="venue"/>.</summary>
    /// <param name="venue">The shadow's state (kept outside the actor, so a restart loses nothing).</param>
    /// <param name="clock">The live clock.</param>
    /// <param name="entry">Where the gateway delivers rows at exchange time.</param>
    /// <param name="next">Paper mode: the simulated venue the rows go on to; null in live mode.</param>
    /// <param name="risk">The risk actor (asked when a divergence is reported: it is created after this one).</param>
    public ShadowActor(ShadowVenue venue, IClock clock, DirectEntry<IMarketEventSink> entry, DirectEntry<IMarketEventSink>? next, Func<IActorRef> risk)
    {
        _venue = venue;
        _clock = clock;
        _entry = entry;
        _next = next;
        _risk = risk;
        Receive<VenueCommand>(c => _venue.OnSent(c, _clock.Now));
        Receive<OrderReport>(r => _venue.OnVenueReport(r, _clock.Now));
        Receive<CheckShadow>(_ => _venue.Check(_clock.Now));
        Receive<DirectDeliveryFailed>(failed => failed.Rethrow());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        var log = Context.GetLogger();
        var self = Self;
        _venue.DivergenceChanged = d => _risk().Tell(new DivergenceObserved(d), self);
        _venue.Log = m => log.Warning(m);
        _entry.Attach(self, this);
        Timers.StartPeriodicTimer("shadow-check", CheckShadow.Instance, CheckInterval);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _entry.Detach(this);
        _venue.DivergenceChanged = null;
    }

    /// <inheritdoc />
    public void OnMarketEvent(int instrument, in MarketEvent ev)
    {
        _venue.OnRow(instrument, in ev);
        _next?.Deliver(instrument, in ev);
    }

    private sealed class CheckShadow
    {
        public static readonly CheckShadow Instance = new();
    }
}
