using System.Globalization;
using System.Text;
using Hft.Backtest.Reports;
using Hft.Core.Time;

namespace Hft.Engine.Tests.Reports;

/// <summary>The fast formatter must give exactly the framework's round-trip bytes, on every kind of value.</summary>
public sealed class DecimalFormatTests
{
    private static string Fast(double v)
    {
        Span<byte> buffer = stackalloc byte[64];
        Assert.That(DecimalFormat.TryFormat(v, buffer, out int n), Is.True);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    private static void Same(double v) =>
        Assert.That(Fast(v), Is.EqualTo(v.ToString("R", CultureInfo.InvariantCulture)), $"bits {BitConverter.DoubleToInt64Bits(v):X16}");

    [Test]
    public void Edge_values_match_the_framework()
    {
        double[] values =
        [
            0, -0.0, 1, -1, 0.1, 0.2, 0.3, 0.1 + 0.2, 1e-5, 0.00001, 9.99e-6, 1e-4, 0.00012, 123456789.123456789, 1e14, 999999999999999.9,
            1e15, 1e16, 12345678901234567890.0, double.Epsilon, double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity,
            double.NegativeInfinity, 297.90000000000003, 300.165, 299.7, -351.88000000000034, 0.0007, -0.00005, 278452.6999999995,
            4503599627370496.5, 1125899906842624.0, 1125899906842623.0, 0.123456789, 0.1234567891, 5e-324, 2.5, -2.5, 1.5e-5,
        ];
        foreach (var v in values) Same(v);
    }

    [Test]
    public void Prices_and_quantities_on_tick_and_lot_grids_match_the_framework()
    {
        var rng = new Random(11);
        double[] ticks = [0.01, 0.1, 0.5, 0.001, 0.0001, 1e-5, 1e-8, 0.25, 1, 5, 0.05];
        for (int i = 0; i < 200_000; i++)
        {
            double tick = ticks[i % ticks.Length];
            long k = rng.NextInt64(-10_000_000, 10_000_000);
            Same(k * tick);
            Same(k / (1 / tick));
        }
    }

    [Test]
    public void Short_decimals_read_from_text_match_the_framework()
    {
        var rng = new Random(12);
        for (int i = 0; i < 200_000; i++)
        {
            int decimals = rng.Next(0, 12);
            decimal d = rng.NextInt64(0, 1_000_000_000_000);
            for (int j = 0; j < decimals; j++) d /= 10;
            string text = (rng.Next(2) == 0 ? "-" : "") + d.ToString(CultureInfo.InvariantCulture);
            Same(double.Parse(text, CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void Arbitrary_doubles_match_the_framework()
    {
        var rng = new Random(13);
        Span<byte> bits = stackalloc byte[8];
        for (int i = 0; i < 200_000; i++)
        {
            rng.NextBytes(bits);
            Same(BitConverter.ToDouble(bits));
            Same(rng.NextDouble() * Math.Pow(10, rng.Next(-8, 17)));
        }
    }

    [Test]
    public void Running_sums_and_boundaries_in_the_exact_range_match_the_framework()
    {
        // What trading files are full of: balances and values summed fill by fill, products of prices and fees.
        var rng = new Random(15);
        double balance = 0, value = 0;
        for (int i = 0; i < 300_000; i++)
        {
            double price = Math.Round(250 + rng.NextDouble() * 100, 2);
            balance += (rng.Next(2) == 0 ? 1 : -1) * price * rng.Next(1, 5);
            value += price;
            Same(balance);
            Same(value);
            Same(price * -0.00005);
            Same(price * 0.0007 * rng.Next(1, 9));
            Same(balance / 3);
        }
        // Powers of two and ten, their neighbours (the gap below a power of two is half the gap above).
        for (int e = -13; e < 50; e++)
        {
            double p = Math.Pow(2, e);
            Same(p);
            Same(Math.BitDecrement(p));
            Same(Math.BitIncrement(p));
        }
        for (int e = -4; e < 16; e++)
        {
            double down = Math.Pow(10, e), up = down;
            Same(down);
            for (int step = 0; step < 8; step++)
            {
                down = Math.BitDecrement(down);
                up = Math.BitIncrement(up);
                Same(down);
                Same(up);
            }
        }
        // Every mantissa pattern at every binary exponent of the exact range (about 2^-14 to 2^50).
        Span<byte> bits = stackalloc byte[8];
        for (int i = 0; i < 500_000; i++)
        {
            rng.NextBytes(bits);
            long mantissa = BitConverter.ToInt64(bits) & 0xF_FFFF_FFFF_FFFF;
            long exponent = 1023 + rng.Next(-14, 50);
            Same(BitConverter.Int64BitsToDouble((exponent << 52) | mantissa) * (rng.Next(2) == 0 ? 1 : -1));
        }
    }

    [Test]
    public void Timestamps_match_nanos_format()
    {
        var rng = new Random(14);
        Span<byte> buffer = stackalloc byte[64];
        long[] edges = [0, 1, 999_999_999, 1_000_000_000, 951_782_400_000_000_000 /* 2000-02-29 */, 4_107_542_400_000_000_000 /* 2100-03-01 */,
            1_723_075_200_000_000_000, long.MaxValue, -1, -1_000_000_001, -86_400_000_000_000];
        foreach (long t in edges.Concat(Enumerable.Range(0, 100_000).Select(_ => rng.NextInt64(0, long.MaxValue))))
        {
            Assert.That(DecimalFormat.TryFormatIso(t, buffer, out int n), Is.True);
            Assert.That(Encoding.ASCII.GetString(buffer[..n]), Is.EqualTo(Nanos.Format(t)), t.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void A_row_writer_buffers_and_flushes_rows_in_order()
    {
        using var memory = new MemoryStream();
        using (var w = new Utf8RowWriter(memory, ownsStream: false, bufferSize: 600))
        {
            for (int i = 0; i < 1000; i++) w.Long(i).Char(',').Double(i * 0.01).Char(',').DoubleOrEmpty(double.NaN).Char(',').Text("ü").EndRow();
        }
        var lines = Encoding.UTF8.GetString(memory.ToArray()).Split('\n');
        Assert.That(lines, Has.Length.EqualTo(1001));
        Assert.That(lines[0], Is.EqualTo("0,0,,ü"));
        Assert.That(lines[999], Is.EqualTo("999," + (999 * 0.01).ToString("R", CultureInfo.InvariantCulture) + ",,ü"));
    }
}
