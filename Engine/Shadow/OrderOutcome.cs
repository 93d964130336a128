using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>What one side (the venue, or the shadow model) did with one order, built from its reports.</summary>
internal sealed class OrderOutcome
{
    private double _tickQuantity;

    /// <summary>Exchange time of the first answer (ns), or -1 before it.</summary>
    public long AnsweredAt { get; private set; } = -1;

    /// <summary>Round trip of the order's first answer (ns), or -1 before it.</summary>
    public long Latency { get; set; } = -1;

    /// <summary>Filled quantity.</summary>
    public double Filled { get; private set; }

    /// <summary>Exchange time of the first fill (ns), or -1 if nothing filled.</summary>
    public long FirstFillAt { get; private set; } = -1;

    /// <summary>True once the order is filled, cancelled, expired or rejected.</summary>
    public bool Final { get; private set; }

    /// <summary>Quantity-weighted fill price in ticks (NaN if nothing filled).</summary>
    public double AverageFillTick => Filled > 0 ? _tickQuantity / Filled : double.NaN;

    /// <summary>Time from the first answer to the first fill (ns), or -1.</summary>
    public long QueueTime => FirstFillAt >= 0 && AnsweredAt >= 0 ? Math.Max(0, FirstFillAt - AnsweredAt) : -1;

    /// <summary>Takes one report of the order.</summary>
    public void On(OrderReport report)
    {
        if (AnsweredAt < 0) AnsweredAt = report.ExchangeTime;
        if (report.FillQuantity > 0)
        {
            if (FirstFillAt < 0) FirstFillAt = report.ExchangeTime;
            Filled += report.FillQuantity;
            _tickQuantity += report.FillPriceTick * report.FillQuantity;
        }
        if (report.Request != OrderRequest.Rejected && IsFinal(report.Status)) Final = true;
    }

    /// <summary>Ends the outcome where it stands (the order is no longer followed on this side).</summary>
    public void End() => Final = true;

    /// <summary>True for statuses after which an order never changes again.</summary>
    public static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected;
}
