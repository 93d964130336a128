using System.Runtime.CompilerServices;
using System.Globalization;

namespace Hft.Backtest.Reports;

/// <summary>
/// Fast UTF-8 formatting of the numbers trading files are made of, with exactly the bytes .NET's round-trip
/// formatting (<c>"R"</c>, invariant culture) gives:
/// <list type="bullet">
/// <item>A double that is a short decimal (a price on a tick grid, a quantity on a lot grid, a fee) is written
/// from its integer mantissa: the fewest decimals (at most 9) whose value parses back to the same double, which
/// is the shortest round-trip string. It is used only where that string is unique (the decimal grid is coarser
/// than the double's spacing) and where .NET would not switch to exponent notation; anything else falls back to
/// the framework.</item>
/// <item>A timestamp is written as ISO-8601 UTC with nanoseconds from its calendar fields.</item>
/// </list>
/// </summary>
public static class DecimalFormat
{
    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    private const double MaxMantissa = 1_125_899_906_842_624d; // 2^50

    /// <summary>
    /// Formats a few numbers and times that take every path (the short decimal, the framework's shortest
    /// round-trip search and its slower fallback, exponents, timestamps), so that the code is compiled before a
    /// backtest starts rather than the first time such a number turns up mid-run: first calls during a run keep
    /// the runtime busy and delay its optimising of the engine's hot path.
    /// </summary>
    public static void Prime()
    {
        Span<byte> buffer = stackalloc byte[64];
        foreach (double v in (ReadOnlySpan<double>)[0, 1, -2.5, 300.16, 297.90000000000003, -351.88000000000034, 0.1 + 0.2, 1e-7, 5e-324, 278452.6999999995, 1e300, double.NaN])
        {
            TryFormat(v, buffer, out _);
        }
        TryFormatIso(1_723_075_200_123_456_789, buffer, out _);
        TryFormatIso(-1, buffer, out _);
    }

    /// <summary>Writes <paramref name="value"/> as <c>value.ToString("R", InvariantCulture)</c> would; false if <paramref name="dest"/> is too small.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFormat(double value, Span<byte> dest, out int written)
    {
        double a = Math.Abs(value);
        // .NET writes exponent notation below 1e-4 and from 1e15 on; zero may be negative zero.
        if (a >= 1e-4 && a < 1e15)
        {
            // The spacing of doubles at a (exact: adjacent doubles differ by a power of two).
            double ulp = Math.BitIncrement(a) - a;
            for (int k = 0; k < Pow10.Length; k++)
            {
                // With the double's spacing at most a quarter of the decimal step, at most one k-decimal string
                // maps to a, and a × 10^k lies within 1/8 of its mantissa; below 2^50 the product's own rounding
                // adds less than 1/8, so Math.Round finds that mantissa. Otherwise the framework decides.
                if (ulp * Pow10[k] > 0.25) break;
                double scaled = Math.Round(a * Pow10[k]);
                if (scaled >= MaxMantissa) break;
                if (scaled / Pow10[k] == a) return WriteDecimal(value < 0, (ulong)scaled, k, dest, out written);
            }
        }
        if (TryShortest(value, dest, out written)) return true;
        return value.TryFormat(dest, out written, "R", CultureInfo.InvariantCulture);
    }

    private static readonly UInt128[] Pow10Wide = BuildPow10Wide();
    private static readonly ulong[] Pow10Long = [.. Enumerable.Range(0, 20).Select(i => (ulong)Pow10Wide[i])];

    private static UInt128[] BuildPow10Wide()
    {
        var p = new UInt128[24];
        p[0] = 1;
        for (int i = 1; i < p.Length; i++) p[i] = p[i - 1] * 10;
        return p;
    }

    /// <summary>
    /// The shortest round-trip digits of any double in [1e-4, 1e15) by exact integer arithmetic: with
    /// <c>v = m·2⁻ᵏ</c>, the closest n-digit decimal is <c>round(m·10ˢ / 2ᵏ)</c> (128-bit, exact), and it parses back
    /// to <c>v</c> exactly when it lies inside v's rounding interval (half the gap to each neighbour; ties go to the
    /// even mantissa). The shortest n is the smallest that does: a longer one always does too, so n = 14 is tried
    /// first and a binary search runs below it only when it succeeds. Ties between two n-digit decimals go to the
    /// even digit, as the framework's own shortest search does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryShortest(double value, Span<byte> dest, out int written)
    {
        written = 0;
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong fraction = bits & 0xF_FFFF_FFFF_FFFF;
        double a = Math.Abs(value);
        if (biased == 0 || biased == 0x7FF || !(a >= 1e-4 && a < 1e15)) return false;
        ulong m = fraction | (1UL << 52);
        int k = 1075 - biased;
        if (k <= 0 || k > 120) return false;
        bool lowerGapHalf = fraction == 0 && biased > 1;
        int estimate = (int)Math.Floor(Math.Log10(a));

        int n = 0, e10 = estimate;
        ulong digits = 0;
        int e14 = estimate;
        if (!Candidate(m, k, lowerGapHalf, 14, ref e14, out _, out bool ok14)) return false;
        if (ok14)
        {
            // Rare: a short decimal that needs more than nine decimals. Binary search for the shortest below 14.
            int lo = 1, hi = 14;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                int eMid = estimate;
                if (!Candidate(m, k, lowerGapHalf, mid, ref eMid, out _, out bool okMid)) return false;
                if (okMid) hi = mid;
                else lo = mid + 1;
            }
            n = hi;
            if (!Candidate(m, k, lowerGapHalf, n, ref e10, out digits, out bool okN) || !okN) return false;
        }
        else
        {
            for (int len = 15; len <= 17 && n == 0; len++)
            {
                int eLen = estimate;
                if (!Candidate(m, k, lowerGapHalf, len, ref eLen, out ulong qLen, out bool okLen)) return false;
                if (!okLen) continue;
                n = len;
                digits = qLen;
                e10 = eLen;
            }
            if (n == 0) return false;
        }
        // The shortest digits have no trailing zero; drop any all the same (defensive).
        while (n > 1 && digits % 10 == 0)
        {
            digits /= 10;
            n--;
        }
        // value = digits · 10^(e10 − n + 1): place the point.
        int decimals = n - 1 - e10;
        if (decimals < 0) return WriteDecimal(value < 0, digits * Pow10Long[-decimals], 0, dest, out written);
        return WriteDecimal(value < 0, digits, decimals, dest, out written);
    }

    // The closest decimal of n significant digits to m·2⁻ᵏ (q, with e10 corrected so that q has exactly n digits)
    // and whether it parses back to the same double. False when the numbers leave the 128-bit range.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Candidate(ulong m, int k, bool lowerGapHalf, int n, ref int e10, out ulong q, out bool roundTrips)
    {
        q = 0;
        roundTrips = false;
        for (int attempt = 0; attempt < 4; attempt++)
        {
            int s = n - 1 - e10;
            if (s < 0 || s >= Pow10Wide.Length) return false;
            UInt128 scaled = (UInt128)m * Pow10Wide[s];
            UInt128 quotient = scaled >> k;
            // The exponent comes from a floating-point log10, which can be one off near a power of ten: the
            // unrounded quotient tells exactly (it must have n digits).
            if (quotient >= Pow10Wide[n])
            {
                e10++;
                continue;
            }
            if (quotient < Pow10Wide[n - 1])
            {
                e10--;
                continue;
            }
            UInt128 remainder = scaled - (quotient << k);
            UInt128 half = (UInt128)1 << (k - 1);
            if (remainder > half || (remainder == half && (quotient & 1) != 0)) quotient++;
            UInt128 back = quotient << k;
            bool below = back < scaled;
            UInt128 distance = below ? scaled - back : back - scaled;
            UInt128 lhs = below && lowerGapHalf ? distance << 2 : distance << 1;
            UInt128 limit = Pow10Wide[s];
            roundTrips = lhs < limit || (lhs == limit && (m & 1) == 0);
            if (quotient == Pow10Wide[n])
            {
                // Rounded up to the next power of ten: the same number with one more in the exponent.
                quotient = Pow10Wide[n - 1];
                e10++;
            }
            q = (ulong)quotient;
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool WriteDecimal(bool negative, ulong mantissa, int decimals, Span<byte> dest, out int written)
    {
        Span<byte> digits = stackalloc byte[24];
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);
        // At least one digit before the point.
        while (n <= decimals) digits[n++] = (byte)'0';
        int length = (negative ? 1 : 0) + n + (decimals > 0 ? 1 : 0);
        written = 0;
        if (dest.Length < length) return false;
        int p = 0;
        if (negative) dest[p++] = (byte)'-';
        for (int i = n - 1; i >= 0; i--)
        {
            dest[p++] = digits[i];
            if (i == decimals && decimals > 0) dest[p++] = (byte)'.';
        }
        written = p;
        return true;
    }

    /// <summary>
    /// Writes a timestamp (ns since the Unix epoch) as <c>2024-08-08T23:54:15.123456789Z</c>, the same bytes as
    /// <see cref="Hft.Core.Time.Nanos.Format"/>; false if <paramref name="dest"/> is too small.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFormatIso(long nanos, Span<byte> dest, out int written)
    {
        written = 0;
        if (dest.Length < 30) return false;
        if (nanos < 0)
        {
            // Rare: let the framework do the calendar (Nanos.Format's own rules for times before 1970).
            var dt = Hft.Core.Time.Nanos.ToDateTime(nanos);
            dt.TryFormat(dest, out int n, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            long fraction = ((nanos % 1_000_000_000) + 1_000_000_000) % 1_000_000_000;
            dest[n++] = (byte)'.';
            Digits(dest.Slice(n, 9), fraction);
            n += 9;
            dest[n++] = (byte)'Z';
            written = n;
            return true;
        }
        long seconds = nanos / 1_000_000_000;
        long frac = nanos % 1_000_000_000;
        long days = seconds / 86_400;
        long secondOfDay = seconds % 86_400;
        CivilFromDays(days, out long year, out int month, out int day);
        if (year > 9999) return FallbackIso(nanos, dest, out written);
        Digits(dest[..4], year);
        dest[4] = (byte)'-';
        Digits(dest.Slice(5, 2), month);
        dest[7] = (byte)'-';
        Digits(dest.Slice(8, 2), day);
        dest[10] = (byte)'T';
        Digits(dest.Slice(11, 2), secondOfDay / 3600);
        dest[13] = (byte)':';
        Digits(dest.Slice(14, 2), secondOfDay / 60 % 60);
        dest[16] = (byte)':';
        Digits(dest.Slice(17, 2), secondOfDay % 60);
        dest[19] = (byte)'.';
        Digits(dest.Slice(20, 9), frac);
        dest[29] = (byte)'Z';
        written = 30;
        return true;
    }

    private static bool FallbackIso(long nanos, Span<byte> dest, out int written)
    {
        var text = Hft.Core.Time.Nanos.Format(nanos);
        written = 0;
        if (dest.Length < text.Length) return false;
        for (int i = 0; i < text.Length; i++) dest[i] = (byte)text[i];
        written = text.Length;
        return true;
    }

    /// <summary>Writes 0 ≤ <paramref name="value"/> &lt; 10⁹ as exactly nine digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Digits9(Span<byte> dest, int value)
    {
        ReadOnlySpan<byte> pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;
        int low = value % 100_000_000;
        dest[0] = (byte)('0' + value / 100_000_000);
        for (int i = 7; i >= 1; i -= 2)
        {
            int pair = low % 100;
            low /= 100;
            dest[i] = pairs[pair * 2];
            dest[i + 1] = pairs[pair * 2 + 1];
        }
    }

    // Zero-padded decimal digits filling the span.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Digits(Span<byte> dest, long value)
    {
        for (int i = dest.Length - 1; i >= 0; i--)
        {
            dest[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }

    // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CivilFromDays(long z, out long year, out int month, out int day)
    {
        z += 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        day = (int)(doy - (153 * mp + 2) / 5 + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = month <= 2 ? y + 1 : y;
    }
}
