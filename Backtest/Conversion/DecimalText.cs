using System.Globalization;

namespace Hft.Backtest.Conversion;

/// <summary>
/// Parses the decimal strings Binance sends for prices and quantities (<c>"61800.20"</c>, <c>"0.00000000"</c>) to
/// the nearest double, exactly as Python's <c>float()</c> and <see cref="double.Parse(string)"/> do, but faster in
/// the common case.
/// </summary>
/// <remarks>
/// Fast path (Clinger's): for plain <c>digits[.digits]</c> whose digits, without the point, form an integer
/// <c>m &lt; 2^53</c> with at most 22 digits after the point, <c>m</c> and <c>10^k</c> are both exact doubles, so
/// the single IEEE division <c>m / 10^k</c> is correctly rounded: the same double as a full parse. Anything else
/// (signs, exponents, long mantissas, NaN, ...) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/>.
/// </remarks>
internal static class DecimalText
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <paramref name="text"/> (UTF-8) to the nearest double.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        ulong mantissa = 0;
        int fractionDigits = -1; // -1 until the point is seen
        int digits = 0;
        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            if (digit <= 9)
            {
                // 19 digits always fit in a ulong; the 2^53 check below decides whether the fast path applies.
                if (++digits > 19) return Fallback(text, out value);
                mantissa = mantissa * 10 + digit;
                if (fractionDigits >= 0) fractionDigits++;
            }
            else if (b == (byte)'.' && fractionDigits < 0)
            {
                fractionDigits = 0;
            }
            else
            {
                return Fallback(text, out value);
            }
        }
        if (digits == 0 || mantissa >= MaxExactMantissa || fractionDigits >= PowersOfTen.Length)
            return Fallback(text, out value);
        value = fractionDigits <= 0 ? mantissa : mantissa / PowersOfTen[fractionDigits];
        return true;
    }

    private static bool Fallback(ReadOnlySpan<byte> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
