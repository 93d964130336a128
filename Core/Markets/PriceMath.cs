using System.Runtime.CompilerServices;

namespace Hft.Core.Markets;

/// <summary>
/// Rounding exactly as hftbacktest (Rust) does it: <c>f64::round</c> rounds halves away from zero, and
/// <c>as i64</c> saturates (NaN → 0, ±∞ → min/max) where a C# cast would be undefined.
/// </summary>
public static class PriceMath
{
    /// <summary>Rust's <c>x.round() as i64</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RoundToLong(double x) => SaturatingToLong(RoundHalfAwayFromZero(x));

    /// <summary>
    /// Rust's <c>f64::round</c>. <c>x - trunc(x)</c> is exact for every double, so comparing it with one half
    /// decides the rounding exactly (adding 0.5 first would not: 0.49999999999999994 + 0.5 rounds up to 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RoundHalfAwayFromZero(double x)
    {
        double t = Math.Truncate(x);
        return Math.Abs(x - t) >= 0.5 ? t + Math.CopySign(1.0, x) : t;
    }

    /// <summary>Rust's <c>x as i64</c>: truncation toward zero, saturating, NaN → 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SaturatingToLong(double x)
    {
        if (double.IsNaN(x)) return 0;
        if (x >= 9.2233720368547758E18) return long.MaxValue;
        if (x <= -9.2233720368547758E18) return long.MinValue;
        return (long)x;
    }

    /// <summary><c>round(price / tick_size)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToTick(double price, double tickSize) => RoundToLong(price / tickSize);

    /// <summary>
    /// <c>round(value / unit)</c> computed with a multiplication by <paramref name="inverseUnit"/> (= 1 / unit)
    /// when that cannot change the result: the product differs from the quotient by a few units in the last
    /// place, which only matters within a hair of a half, so near halves (and for huge or non-finite values)
    /// it falls back to the exact division. Same result as <see cref="ToTick"/>, without a division per call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RoundQuotient(double value, double unit, double inverseUnit)
    {
        double q = value * inverseUnit;
        double r = Math.Round(q);
        if (Math.Abs(q - r) < 0.49 && Math.Abs(r) < 1e12) return (long)r;
        return RoundToLong(value / unit);
    }

    /// <summary><c>round(qty / lot_size)</c>: a level with 0 lots is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToLots(double quantity, double lotSize) => RoundToLong(quantity / lotSize);

    /// <summary>Rust's <c>f64::min</c>: the non-NaN argument wins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    /// <summary>Rust's <c>f64::max</c>: the non-NaN argument wins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);
}
