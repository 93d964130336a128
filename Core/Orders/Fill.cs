using Hft.Core.Markets;

namespace Hft.Core.Orders;

/// <summary>One execution of one order, as the local side learned it.</summary>
/// <param name="Instrument">Instrument index.</param>
/// <param name="OrderId">The order's id.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Quantity">Executed quantity.</param>
/// <param name="Fee">Fee charged (negative for a rebate).</param>
/// <param name="Maker">True if the order provided liquidity.</param>
/// <param name="ExchangeTime">When the venue executed it.</param>
/// <param name="LocalTime">When the local side learned it.</param>
/// <param name="PositionAfter">Position after the fill.</param>
public sealed record Fill(int Instrument, ulong OrderId, Side Side, double Price, double Quantity, double Fee,
    bool Maker, long ExchangeTime, long LocalTime, double PositionAfter);
