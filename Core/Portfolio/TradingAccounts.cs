using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Core.Portfolio;

/// <summary>
/// The local trading state of every instrument in a run. The order-state actor changes it; strategies and
/// the risk actor read it directly on the core loop.
/// </summary>
public sealed class TradingAccounts
{
    private readonly InstrumentAccount[] _accounts;

    /// <summary>Creates accounts for the instruments, in configuration order.</summary>
    public TradingAccounts(IReadOnlyList<Instrument> instruments)
    {
        _accounts = instruments.Select((inst, i) => new InstrumentAccount(i, inst.Validate())).ToArray();
        Instruments = instruments.ToArray();
    }

    /// <summary>The instruments, in configuration order.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>The account of instrument <paramref name="index"/>.</summary>
    public InstrumentAccount this[int index] => _accounts[index];

    /// <summary>Number of instruments.</summary>
    public int Count => _accounts.Length;

    /// <summary>The venue's answers as the order-state actor saw them (for the circuit breakers).</summary>
    public OrderFlowStatistics OrderFlow { get; } = new();
}
