using System.Globalization;

namespace Hft.Exchanges.Common;

/// <summary>
/// Prices and quantities as the decimal strings venues take: a tick count times the tick size, or a quantity rounded
/// to the lot, written with exactly as many decimals as the increment has (<c>0.01</c> → <c>"101.25"</c>), so a
/// double's binary error never reaches a request (<c>0.1 + 0.2</c> would print <c>0.30000000000000004</c>).
/// </summary>
public sealed class DecimalText
{
    private readonly decimal _increment;
    private readonly string _format;

    /// <summary>Text for multiples of <paramref name="increment"/> (a tick size or a lot size).</summary>
    public DecimalText(double increment)
    {
        if (!(increment > 0) || double.IsInfinity(increment)) throw new ArgumentOutOfRangeException(nameof(increment), increment, "must be a positive number");
        // The shortest round-trip text of the double is what the user wrote in the config (0.01, 0.001).
        _increment = decimal.Parse(increment.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        int decimals = (decimal.GetBits(_increment)[3] >> 16) & 0xFF;
        _format = decimals == 0 ? "0" : "0." + new string('0', decimals);
    }

    /// <summary><paramref name="steps"/> increments (a price in ticks).</summary>
    public string Steps(long steps) => (steps * _increment).ToString(_format, CultureInfo.InvariantCulture);

    /// <summary><paramref name="value"/> rounded to the nearest increment.</summary>
    public string Round(double value) => Steps((long)Math.Round(value / (double)_increment, MidpointRounding.AwayFromZero));
}
