namespace Hft.Backtest.Conversion;

/// <summary>
/// A reusable list of <c>[price, quantity]</c> pairs: the parser collects a message's levels here first and emits
/// rows only once the whole line has parsed, so a malformed line never leaves half of its rows behind, and bids
/// come out before asks whatever order the JSON keys are in.
/// </summary>
internal sealed class PriceLevels
{
    private double[] _prices = new double[64];
    private double[] _quantities = new double[64];

    /// <summary>Number of pairs.</summary>
    public int Count { get; private set; }

    /// <summary>Price of pair <paramref name="i"/>.</summary>
    public double Price(int i) => _prices[i];

    /// <summary>Quantity of pair <paramref name="i"/>.</summary>
    public double Quantity(int i) => _quantities[i];

    /// <summary>Empties the list, keeping its capacity.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends a pair.</summary>
    public void Add(double price, double quantity)
    {
        if (Count == _prices.Length)
        {
            Array.Resize(ref _prices, Count * 2);
            Array.Resize(ref _quantities, Count * 2);
        }
        _prices[Count] = price;
        _quantities[Count] = quantity;
        Count++;
    }
}
