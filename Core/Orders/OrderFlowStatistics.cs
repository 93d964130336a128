namespace Hft.Core.Orders;

/// <summary>
/// What the order-state actor saw of the venue's answers, for the circuit breakers: when the venue refused requests,
/// and the slowest answer since the breakers last looked. Written and read on the loop.
/// </summary>
public sealed class OrderFlowStatistics
{
    private readonly Queue<long> _rejections = new();

    /// <summary>The slowest answer (request to report, ns) since <see cref="TakeSlowestAnswer"/> was last called.</summary>
    public long SlowestAnswer { get; private set; }

    /// <summary>Records a request the venue refused at <paramref name="now"/>.</summary>
    public void OnRejection(long now)
    {
        _rejections.Enqueue(now);
        // Only a recent window is ever asked for; keep the queue from growing without end.
        while (_rejections.Count > 10_000) _rejections.Dequeue();
    }

    /// <summary>Records the venue's answer to a request sent <paramref name="latency"/> ns before.</summary>
    public void OnAnswer(long latency)
    {
        if (latency > SlowestAnswer) SlowestAnswer = latency;
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
