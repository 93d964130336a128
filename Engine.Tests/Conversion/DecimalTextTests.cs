using System.Globalization;
using System.Text;
using Hft.Backtest.Conversion;

namespace Hft.Engine.Tests.Conversion;

public sealed class DecimalTextTests
{
    private static double Parse(string text)
    {
        Assert.That(DecimalText.TryParse(Encoding.UTF8.GetBytes(text), out double value), Is.True, text);
        return value;
    }

    [TestCase("61800.20")]
    [TestCase("61837.63000000")]
    [TestCase("0.00000000")]
    [TestCase("0.001")]
    [TestCase("5.")]
    [TestCase(".5")]
    [TestCase("9007199254740991")]
    [TestCase("9007199254740993")]
    [TestCase("9007199254740993.5")]
    [TestCase("0.1234567890123456789012")]
    [TestCase("1.0000000000000000000000000001")]
    [TestCase("-61800.2")]
    [TestCase("1e-7")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    public void Gives_exactly_what_a_full_parse_gives(string text)
    {
        double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.That(BitConverter.DoubleToInt64Bits(Parse(text)), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), text);
    }

    [TestCase("")]
    [TestCase(".")]
    [TestCase("1.2.3")]
    [TestCase("12a")]
    [TestCase("1,5")]
    public void Rejects_what_a_full_parse_rejects(string text)
    {
        Assert.That(DecimalText.TryParse(Encoding.UTF8.GetBytes(text), out _), Is.False);
    }

    [Test]
    public void Matches_a_full_parse_on_a_million_random_decimals()
    {
        var random = new Random(11);
        for (int i = 0; i < 1_000_000; i++)
        {
            int integerDigits = random.Next(0, 12);
            int fractionDigits = random.Next(0, 16);
            var sb = new StringBuilder();
            for (int d = 0; d < integerDigits; d++) sb.Append((char)('0' + random.Next(10)));
            if (fractionDigits > 0 || integerDigits == 0) sb.Append('.');
            for (int d = 0; d < Math.Max(fractionDigits, integerDigits == 0 ? 1 : 0); d++) sb.Append((char)('0' + random.Next(10)));
            string text = sb.ToString();
            double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out double actual) || BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(expected))
                Assert.Fail($"'{text}': expected {expected:R}, got {actual:R}");
        }
    }
}
