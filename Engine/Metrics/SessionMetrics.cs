using Hft.Core.Health;
using Prometheus;

namespace Hft.Engine.Metrics;

/// <summary>
/// The session's Prometheus metrics (prometheus-net, in a registry of their own so sessions in one process never share
/// series), set from a <see cref="SessionSnapshot"/> at scrape time: the counters mirror the session's own statistics
/// (<see cref="Counter"/>s moved up to the statistic's value), so nothing is added to the loop's hot path.
/// Not thread-safe: <see cref="MetricsEndpoint"/> serialises scrapes.
/// </summary>
internal sealed class SessionMetrics
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _loopMessages, _marketEvents, _frames, _badMessages, _resyncs, _reconnects, _venueRejects, _unknownOutcomes, _rateLimited;
    private readonly Counter _orders, _fills, _rejects, _breakerTrips;
    private readonly Gauge _queueDepth, _eventsPerSecond, _messagesPerSecond, _position, _pnl, _feedSilence, _bookSynced, _venueConnected, _breakerTripped, _health, _rateLimitUsed, _rateLimitMax;
    private readonly Counter _shadowOrders, _shadowCompared, _shadowDiverged, _shadowUnanswered;
    private readonly Gauge _shadowDivergence, _shadowMaxDivergence;
    private readonly LatencyFeed _ack, _tickToOrder;
    private long _lastNow, _lastEvents, _lastMessages;

    /// <summary>Creates the metrics (every series named <c>hft_*</c>).</summary>
    public SessionMetrics()
    {
        var f = Prometheus.Metrics.WithCustomRegistry(_registry);
        _loopMessages = f.CreateCounter("hft_loop_messages_total", "Messages, timer deliveries and feed items the session's loop handled");
        _marketEvents = f.CreateCounter("hft_market_events_total", "Market event rows handed to the books (the summary's events)");
        _frames = f.CreateCounter("hft_venue_frames_total", "Venue stream frames parsed");
        _badMessages = f.CreateCounter("hft_venue_bad_messages_total", "Venue frames or answers that could not be parsed");
        _resyncs = f.CreateCounter("hft_book_resyncs_total", "Book rebuilds after a gap, a reconnect or a crossed book");
        _reconnects = f.CreateCounter("hft_venue_reconnects_total", "Venue stream reconnections");
        _venueRejects = f.CreateCounter("hft_venue_rejects_total", "Requests the venue refused (all reasons)");
        _unknownOutcomes = f.CreateCounter("hft_venue_unknown_outcomes_total", "Order requests whose outcome was unknown and was resolved by a query");
        _rateLimited = f.CreateCounter("hft_venue_rate_limited_total", "Requests refused by the venue's rate limit (HTTP 429, Bybit 10006)");
        _orders = f.CreateCounter("hft_orders_total", "Orders accepted by risk and sent, per symbol (the summary's orders)", "symbol");
        _fills = f.CreateCounter("hft_fills_total", "Fills, per symbol (the summary's fills)", "symbol");
        _rejects = f.CreateCounter("hft_rejects_total", "Refused orders and requests by source (venue, risk) and reason (the venue's code, or the risk check)", "source", "reason");
        _breakerTrips = f.CreateCounter("hft_breaker_trips_total", "Circuit breaker trips");
        _queueDepth = f.CreateGauge("hft_loop_queue_depth", "Work waiting on the session's loop when scraped");
        _eventsPerSecond = f.CreateGauge("hft_market_events_per_second", "Market events per second since the previous scrape");
        _messagesPerSecond = f.CreateGauge("hft_loop_messages_per_second", "Loop messages per second since the previous scrape");
        _position = f.CreateGauge("hft_position", "The engine's position, per symbol", "symbol");
        _pnl = f.CreateGauge("hft_pnl", "Equity at the book's mid net of fees since the session started (PnL), per symbol", "symbol");
        _feedSilence = f.CreateGauge("hft_feed_silence_seconds", "Time since the book's latest market event, per symbol", "symbol");
        _bookSynced = f.CreateGauge("hft_book_synced", "1 while the book is in sync with the venue, per symbol", "symbol");
        _venueConnected = f.CreateGauge("hft_venue_connected", "1 while every venue stream is up");
        _breakerTripped = f.CreateGauge("hft_breaker_tripped", "1 for the tripped breaker, 0 for the others configured", "breaker");
        _rateLimitUsed = f.CreateGauge("hft_rate_limit_used", "A venue request budget's use in its current window, as last reported (Binance: weight_1m, orders_10s, orders_1m; Bybit: orders_1s and each endpoint's path)", "limit");
        _rateLimitMax = f.CreateGauge("hft_rate_limit_max", "A venue request budget's size per window", "limit");
        _health = f.CreateGauge("hft_health_status", "0 healthy, 1 degraded, 2 critical (as /health)");
        // Shadow series appear only in sessions with shadow trading (a series is exported once it has a value).
        _shadowOrders = f.CreateCounter("hft_shadow_orders_total", "New orders followed in the shadow model (the summary's shadow.orders)",
            new CounterConfiguration { SuppressInitialValue = true });
        _shadowCompared = f.CreateCounter("hft_shadow_compared_total", "Orders whose outcome was compared between the venue and the model (both ended)",
            new CounterConfiguration { SuppressInitialValue = true });
        _shadowDiverged = f.CreateCounter("hft_shadow_diverged_total", "Compared orders whose outcomes differed, by kind: quantity (another filled quantity), price (another price), time (another fill time)", "kind");
        _shadowUnanswered = f.CreateCounter("hft_shadow_unanswered_total", "Requests placed in the model without the venue's answer (it did not come in time)",
            new CounterConfiguration { SuppressInitialValue = true });
        _shadowDivergence = f.CreateGauge("hft_shadow_divergence", "Share of diverged orders among the latest window (what the divergence breaker sees)",
            new GaugeConfiguration { SuppressInitialValue = true });
        _shadowMaxDivergence = f.CreateGauge("hft_shadow_max_divergence", "The largest divergence seen in the session",
            new GaugeConfiguration { SuppressInitialValue = true });
        _ack = new LatencyFeed(f, "hft_order_ack_latency_seconds", "Order request sent to the venue's answer on the loop");
        _tickToOrder = new LatencyFeed(f, "hft_tick_to_order_seconds", "Latest market event of the instrument to a new order passing the risk checks");
    }

    /// <summary>Sets every metric from <paramref name="s"/> and <paramref name="health"/>.</summary>
    public void Update(SessionSnapshot s, HealthReport health)
    {
        _loopMessages.IncTo(s.LoopMessages);
        _marketEvents.IncTo(s.MarketEvents);
        _frames.IncTo(s.Frames);
        _badMessages.IncTo(s.BadMessages);
        _resyncs.IncTo(s.Resyncs);
        _reconnects.IncTo(s.Reconnects);
        _venueRejects.IncTo(s.VenueRejects);
        _unknownOutcomes.IncTo(s.UnknownOutcomes);
        _rateLimited.IncTo(s.RateLimited);
        _breakerTrips.IncTo(s.BreakerTrips);
        _queueDepth.Set(s.QueueDepth);
        long since = _lastNow == 0 ? s.StartedAt : _lastNow;
        if (s.Now > since)
        {
            double seconds = (s.Now - since) / 1e9;
            _eventsPerSecond.Set((s.MarketEvents - _lastEvents) / seconds);
            _messagesPerSecond.Set((s.LoopMessages - _lastMessages) / seconds);
            (_lastNow, _lastEvents, _lastMessages) = (s.Now, s.MarketEvents, s.LoopMessages);
        }
        foreach (var i in s.Instruments)
        {
            _orders.WithLabels(i.Symbol).IncTo(i.OrdersSent);
            _fills.WithLabels(i.Symbol).IncTo(i.Fills);
            _position.WithLabels(i.Symbol).Set(i.Position);
            _pnl.WithLabels(i.Symbol).Set(i.Pnl);
            _feedSilence.WithLabels(i.Symbol).Set((s.Now - (i.LastEventTime > 0 ? i.LastEventTime : s.StartedAt)) / 1e9);
            _bookSynced.WithLabels(i.Symbol).Set(i.BookSynced ? 1 : 0);
        }
        foreach (var (reason, count) in s.VenueRejectsByReason) _rejects.WithLabels("venue", reason).IncTo(count);
        // Risk refusals summed over instruments per reason: counters only move up.
        foreach (var group in s.Instruments.SelectMany(i => i.RiskRejections).GroupBy(r => r.Key, StringComparer.Ordinal))
            _rejects.WithLabels("risk", group.Key).IncTo(group.Sum(r => r.Value));
        _venueConnected.Set(s.DisconnectedSince is null ? 1 : 0);
        foreach (var breaker in s.Breakers) _breakerTripped.WithLabels(breaker).Set(breaker == s.TrippedBreaker ? 1 : 0);
        foreach (var r in s.RateLimits)
        {
            _rateLimitUsed.WithLabels(r.Limit).Set(r.Used);
            _rateLimitMax.WithLabels(r.Limit).Set(r.Max);
        }
        if (s.Shadow is { } shadow)
        {
            _shadowOrders.IncTo(shadow.Orders);
            _shadowCompared.IncTo(shadow.Compared);
            _shadowDiverged.WithLabels("quantity").IncTo(shadow.QuantityDiverged);
            _shadowDiverged.WithLabels("price").IncTo(shadow.PriceDiverged);
            _shadowDiverged.WithLabels("time").IncTo(shadow.TimeDiverged);
            _shadowUnanswered.IncTo(shadow.Unanswered);
            _shadowDivergence.Set(shadow.Divergence);
            _shadowMaxDivergence.Set(shadow.MaxDivergence);
        }
        _health.Set((int)health.Status);
        _ack.Update(s.AckLatency);
        _tickToOrder.Update(s.TickToOrder);
    }

    /// <summary>Marks the session as not answering (the other metrics keep their last values).</summary>
    public void Unavailable() => _health.Set((int)HealthStatus.Critical);

    /// <summary>Writes every metric in the Prometheus text exposition format (0.0.4).</summary>
    public Task WriteAsync(Stream to, CancellationToken cancel) => _registry.CollectAndExportAsTextAsync(to, ExpositionFormat.PrometheusText, cancel);
}
