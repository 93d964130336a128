namespace Hft.Core.Orders;

/// <summary>
/// What the order-state and risk actors saw of the order flow: when the venue refused requests and why, the slowest
/// answer since the breakers last looked (for the circuit breakers), and latency histograms (for the metrics).
/// Written and read on the loop.
/// </summary>
public sealed class OrderFlowStatistics
{
    private readonly Queue<long> _rejections = new();
    private readonly Dictionary<string, long> _rejectionsByReason = new(StringComparer.Ordinal);

    /// <summary>The slowest answer (request to report, ns) since <see cref="TakeSlowestAnswer"/> was last called.</summary>
    public long SlowestAnswer { get; private set; }

    /// <summary>Every venue answer's latency, request sent to its report on the loop (ns).</summary>
    public LatencyHistogram AnswerLatency { get; } = new();

    /// <summary>
    /// Each new order's time from the latest market event of its instrument (its local receive time) to the order
    /// passing the risk checks (ns): tick to order inside the engine, for orders a market event caused.
    /// </summary>
    public LatencyHistogram TickToOrder { get; } = new();

    /// <summary>Requests the venue refused, by <see cref="RejectReasonLabel"/>.</summary>
    public IReadOnlyDictionary<string, long> RejectionsByReason => _rejectionsByReason;

    /// <summary>Records a request the venue refused at <paramref name="now"/>, for <paramref name="reason"/> if known.</summary>
    public void OnRejection(long now, string? reason = null)
    {
        _rejections.Enqueue(now);
        // Only a recent window is ever asked for; keep the queue from growing without end.
        while (_rejections.Count > 10_000) _rejections.Dequeue();
        string label = RejectReasonLabel.Of(reason);
        _rejectionsByReason[label] = _rejectionsByReason.GetValueOrDefault(label) + 1;
    }

    /// <summary>Records the venue's answer to a request sent <paramref name="latency"/> ns before.</summary>
    public void OnAnswer(long latency)
    {
        if (latency > SlowestAnswer) SlowestAnswer = latency;
        AnswerLatency.Observe(latency);
    }

    /// <summary>The slowest answer since the last call, and starts again.</summary>
    public long TakeSlowestAnswer()
    {
        long slowest = SlowestAnswer;
        SlowestAnswer = 0;
        return slowest;
    }

    /// <summary>Rejections after <paramref name="since"/> (older ones are forgotten: the window only moves forward).</summary>
    public int RejectionsSince(long since)
    {
        while (_rejections.Count > 0 && _rejections.Peek() <= since) _rejections.Dequeue();
        return _rejections.Count;
    }
}
