namespace Hft.Core.Markets;

/// <summary>A tradable instrument on one venue.</summary>
/// <param name="Symbol">The venue's symbol, e.g. <c>BTCUSDT</c>.</param>
/// <param name="Venue">The venue, e.g. <c>binance-futures</c> or <c>sim</c>.</param>
/// <param name="TickSize">Price increment.</param>
/// <param name="LotSize">Quantity increment.</param>
/// <param name="Kind">Linear or inverse.</param>
/// <param name="ContractSize">Multiplier applied to traded value.</param>
public sealed record Instrument(string Symbol, string Venue, double TickSize, double LotSize,
    ContractKind Kind = ContractKind.Linear, double ContractSize = 1.0)
{
    /// <summary>Throws with a clear message if a field is out of range.</summary>
    public Instrument Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol)) throw new ArgumentException("An instrument needs a symbol.");
        if (!(TickSize > 0) || double.IsInfinity(TickSize)) throw new ArgumentException($"{Symbol}: tick size must be a positive number, got {TickSize}.");
        if (!(LotSize > 0) || double.IsInfinity(LotSize)) throw new ArgumentException($"{Symbol}: lot size must be a positive number, got {LotSize}.");
        if (!(ContractSize > 0) || double.IsInfinity(ContractSize)) throw new ArgumentException($"{Symbol}: contract size must be a positive number, got {ContractSize}.");
        return this;
    }

    /// <summary>Traded value of <paramref name="quantity"/> at <paramref name="price"/>.</summary>
    public double Value(double price, double quantity) => Kind == ContractKind.Inverse
        ? ContractSize * quantity / price
        : ContractSize * price * quantity;

    /// <summary>The price tick nearest to <paramref name="price"/> (halves away from zero, as the reference).</summary>
    public long ToTick(double price) => PriceMath.ToTick(price, TickSize);

    /// <summary>The price of a tick.</summary>
    public double ToPrice(long tick) => tick * TickSize;
}
