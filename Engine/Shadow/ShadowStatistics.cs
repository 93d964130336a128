namespace Hft.Engine.Shadow;

/// <summary>
/// What the shadow venue found, for the summary, the metrics and the divergence breaker. Written on the loop; read on
/// the loop (the session's snapshot) or after the session stopped.
/// </summary>
internal sealed class ShadowStatistics
{
    private readonly DivergenceWindow _window;
    private double _latencyDifference, _fillTimeDifference, _venueQueueTime, _modelQueueTime;
    private long _latencies, _bothFilled;

    /// <summary>Statistics with a divergence window of <paramref name="window"/> orders.</summary>
    public ShadowStatistics(int window) => _window = new DivergenceWindow(window);

    /// <summary>New orders followed.</summary>
    public long Orders { get; set; }

    /// <summary>Orders compared (both sides done).</summary>
    public long Compared { get; private set; }

    /// <summary>Compared orders whose outcomes differed.</summary>
    public long Diverged { get; private set; }

    /// <summary>Of them: a different filled quantity.</summary>
    public long QuantityDiverged { get; private set; }

    /// <summary>Of them: the same quantity at a different price.</summary>
    public long PriceDiverged { get; private set; }

    /// <summary>Of them: the same fill at a different time.</summary>
    public long TimeDiverged { get; private set; }

    /// <summary>Orders the venue filled (some or all), of the compared.</summary>
    public long VenueFilled { get; private set; }

    /// <summary>Orders the model filled (some or all), of the compared.</summary>
    public long ModelFilled { get; private set; }

    /// <summary>New orders the venue refused (not modelled).</summary>
    public long Refused { get; set; }

    /// <summary>Requests the model placed without the venue's answer (it did not come within the timeout).</summary>
    public long Unanswered { get; set; }

    /// <summary>The share of diverged orders among the latest ones (the window): what the breaker sees.</summary>
    public double Divergence => _window.Share;

    /// <summary>The largest <see cref="Divergence"/> seen.</summary>
    public double MaxDivergence { get; private set; }

    /// <summary>Mean of the venue's answer latency minus the model's (ns; NaN before any).</summary>
    public double MeanLatencyDifference => _latencies == 0 ? double.NaN : _latencyDifference / _latencies;

    /// <summary>Mean absolute difference of first-fill times where both filled (ns; NaN before any).</summary>
    public double MeanFillTimeDifference => _bothFilled == 0 ? double.NaN : _fillTimeDifference / _bothFilled;

    /// <summary>Mean time from answer to first fill on the venue, where both filled (ns; NaN before any).</summary>
    public double MeanVenueQueueTime => _bothFilled == 0 ? double.NaN : _venueQueueTime / _bothFilled;

    /// <summary>Mean time from answer to first fill in the model, where both filled (ns; NaN before any).</summary>
    public double MeanModelQueueTime => _bothFilled == 0 ? double.NaN : _modelQueueTime / _bothFilled;

    /// <summary>Counts one compared order.</summary>
    public void Add(ShadowOrder order, DivergenceKind kind)
    {
        Compared++;
        if (order.Venue.Filled > 0) VenueFilled++;
        if (order.Model.Filled > 0) ModelFilled++;
        switch (kind)
        {
            case DivergenceKind.Quantity: QuantityDiverged++; break;
            case DivergenceKind.Price: PriceDiverged++; break;
            case DivergenceKind.Time: TimeDiverged++; break;
        }
        if (kind != DivergenceKind.None) Diverged++;
        _window.Add(kind != DivergenceKind.None);
        MaxDivergence = Math.Max(MaxDivergence, Divergence);
        if (order.Venue.Latency >= 0 && order.Model.Latency >= 0)
        {
            _latencies++;
            _latencyDifference += order.Venue.Latency - order.Model.Latency;
        }
        if (order.Venue.Filled > 0 && order.Model.Filled > 0)
        {
            _bothFilled++;
            _fillTimeDifference += Math.Abs(order.Venue.FirstFillAt - order.Model.FirstFillAt);
            _venueQueueTime += Math.Max(0, order.Venue.QueueTime);
            _modelQueueTime += Math.Max(0, order.Model.QueueTime);
        }
    }
}
