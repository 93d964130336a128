namespace Hft.Backtest.Models.Fees;

/// <summary>The fee models by the names the command line and configuration use.</summary>
public static class FeeModels
{
    /// <summary>Fees as fractions of traded value (the default).</summary>
    public const string TradingValue = "trading-value";

    /// <summary>Fees per unit of traded quantity.</summary>
    public const string TradingQuantity = "trading-qty";

    /// <summary>Fees per execution, whatever its size.</summary>
    public const string FlatPerTrade = "flat-per-trade";

    /// <summary>Every accepted name, for help and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [TradingValue, TradingQuantity, FlatPerTrade];

    /// <summary>The model of a name (as listed in <see cref="Names"/>), charging <paramref name="maker"/> and <paramref name="taker"/>.</summary>
    public static IFeeModel Create(string name, double maker, double taker) => name switch
    {
        TradingValue => new TradingValueFeeModel(maker, taker),
        TradingQuantity => new TradingQuantityFeeModel(maker, taker),
        FlatPerTrade => new FlatPerTradeFeeModel(maker, taker),
        _ => throw new ArgumentException($"unknown fee model '{name}'; available: {string.Join(", ", Names)}"),
    };

    /// <summary>The name of a model as typed, normalised (case and surrounding spaces ignored); an unknown name throws.</summary>
    public static string Parse(string text)
    {
        string n = text.Trim().ToLowerInvariant();
        if (Names.Contains(n)) return n;
        throw new ArgumentException($"unknown fee model '{text}'; available: {string.Join(", ", Names)}");
    }
}
