using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Core.Portfolio;

/// <summary>Everything the local side knows about trading one instrument: its state values and its orders.</summary>
public sealed class InstrumentAccount
{
    internal InstrumentAccount(int index, Instrument instrument)
    {
        Index = index;
        Instrument = instrument;
    }

    /// <summary>Index in the run's configuration.</summary>
    public int Index { get; }
    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }
    /// <summary>Position, balance, fees and volumes.</summary>
    public StateValues State { get; } = new();
    /// <summary>Orders accepted by risk and sent to the venue.</summary>
    public long OrdersSent { get; internal set; }

    /// <summary>Orders refused by the risk checks.</summary>
    public long OrdersRejectedByRisk { get; private set; }

    /// <summary>Orders refused by the risk checks, by <see cref="Risk.RiskReason"/> (indexed by its value).</summary>
    public IReadOnlyList<long> RiskRejections => _riskRejections;

    private readonly long[] _riskRejections = new long[Enum.GetValues<Risk.RiskReason>().Length];

    internal void CountRiskRejection(Risk.RiskReason reason)
    {
        OrdersRejectedByRisk++;
        _riskRejections[(int)reason]++;
    }

    /// <summary>Local orders.</summary>
    public OrderTable Orders { get; } = new();
}
