using Hft.Core.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>The document model, positions, and parser details that the conformance suite cannot see.</summary>
public sealed class TomlModelTests
{
    [Test]
    public void Values_and_keys_carry_their_positions()
    {
        var doc = TomlParser.Parse("# header\n[risk]\n  max_position = 10\nlimits = { a = [1, 2] }\n");
        var risk = (TomlTable)doc["risk"];
        Assert.Multiple(() =>
        {
            Assert.That(risk.Position, Is.EqualTo(new TomlPosition(2, 1)));
            Assert.That(risk["max_position"].Position, Is.EqualTo(new TomlPosition(3, 18)));
            Assert.That(risk.Entries.First().KeyPosition, Is.EqualTo(new TomlPosition(3, 3)));
            var limits = (TomlTable)risk["limits"];
            Assert.That(limits.Position, Is.EqualTo(new TomlPosition(4, 10)));
            var array = (TomlArray)limits["a"];
            Assert.That(array.Position, Is.EqualTo(new TomlPosition(4, 16)));
            Assert.That(array[1].Position, Is.EqualTo(new TomlPosition(4, 20)));
        });
    }

    [Test]
    public void Keys_keep_document_order()
    {
        var doc = TomlParser.Parse("z = 1\na = 2\n[m]\n[b]\n");
        Assert.That(doc.Keys, Is.EqualTo(new[] { "z", "a", "m", "b" }));
    }

    [Test]
    public void Table_equality_ignores_order_and_positions_but_not_content()
    {
        var left = TomlParser.Parse("a = 1\nb = \"x\"\n");
        var right = TomlParser.Parse("\n\nb = 'x'\na = 0x1\n");
        var different = TomlParser.Parse("a = 1\nb = \"y\"\n");
        Assert.Multiple(() =>
        {
            Assert.That(left.Equals(right), Is.True);
            Assert.That(left.GetHashCode(), Is.EqualTo(right.GetHashCode()));
            Assert.That(left.Equals(different), Is.False);
            Assert.That(new TomlInteger(1).Equals(new TomlFloat(1.0)), Is.False);
        });
    }

    [Test]
    public void Float_equality_treats_nan_as_equal_and_keeps_the_sign_of_zero()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new TomlFloat(double.NaN).Equals(new TomlFloat(-double.NaN)), Is.True);
            Assert.That(new TomlFloat(0.0).Equals(new TomlFloat(-0.0)), Is.False);
            Assert.That(TomlParser.Parse("x = -0.0")["x"].Equals(new TomlFloat(-0.0)), Is.True);
        });
    }

    [Test]
    public void Date_times_keep_precision_and_offset_spelling()
    {
        var doc = TomlParser.Parse("a = 1979-05-27T00:32:00.500-07:00\nb = 1979-05-27 07:32:00z\nc = 07:32:00.1234567891\nd = 0000-01-01\n");
        var a = ((TomlOffsetDateTimeValue)doc["a"]).Value;
        var b = ((TomlOffsetDateTimeValue)doc["b"]).Value;
        var c = ((TomlLocalTimeValue)doc["c"]).Value;
        Assert.Multiple(() =>
        {
            Assert.That(a.ToString(), Is.EqualTo("1979-05-27T00:32:00.500-07:00"));
            Assert.That(a.OffsetMinutes, Is.EqualTo(-420));
            Assert.That(a.Local.Time.Nanosecond, Is.EqualTo(500_000_000));
            Assert.That(a.ToDateTimeOffset(), Is.EqualTo(new DateTimeOffset(1979, 5, 27, 0, 32, 0, 500, TimeSpan.FromHours(-7))));
            Assert.That(b.ToString(), Is.EqualTo("1979-05-27T07:32:00Z"));
            Assert.That(b.UseZ, Is.True);
            // Digits past nanoseconds are dropped, not rounded.
            Assert.That(c.ToString(), Is.EqualTo("07:32:00.123456789"));
            Assert.That(((TomlLocalDateValue)doc["d"]).Value, Is.EqualTo(new TomlLocalDate(0, 1, 1)));
            // Equality compares the time, not how many digits were written.
            Assert.That(new TomlLocalTime(1, 2, 3, 500_000_000, 3), Is.EqualTo(new TomlLocalTime(1, 2, 3, 500_000_000)));
            Assert.That(new TomlLocalTime(1, 2, 3, 500_000_000, 3).ToString(), Is.EqualTo("01:02:03.500"));
        });
    }

    [Test]
    public void Date_time_structs_reject_impossible_values()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TomlLocalDate(2023, 2, 29));
            Assert.DoesNotThrow(() => _ = new TomlLocalDate(2024, 2, 29));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TomlLocalTime(24, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TomlOffsetDateTime(default, 24 * 60));
            Assert.Throws<ArgumentException>(() => _ = new TomlOffsetDateTime(default, 60, useZ: true));
        });
    }

    [Test]
    public void Multiline_strings_follow_the_spec()
    {
        var doc = TomlParser.Parse(
            "a = \"\"\"\nline one\r\nline two\"\"\"\n" +
            "b = \"\"\"The quick \\\n\n   brown fox.\"\"\"\n" +
            "c = \"\"\"\"\"quoted\"\"\"\"\"\n" +
            "d = '''\n'that''s it'''''\n" +
            "e = \"\"\"\\u00e9\\U0001F600\\t\"\"\"\n");
        Assert.Multiple(() =>
        {
            Assert.That(((TomlString)doc["a"]).Value, Is.EqualTo("line one\nline two"));
            Assert.That(((TomlString)doc["b"]).Value, Is.EqualTo("The quick brown fox."));
            Assert.That(((TomlString)doc["c"]).Value, Is.EqualTo("\"\"quoted\"\""));
            Assert.That(((TomlString)doc["d"]).Value, Is.EqualTo("'that''s it''"));
            Assert.That(((TomlString)doc["e"]).Value, Is.EqualTo("\u00e9\U0001F600\t"));
        });
    }

    [Test]
    public void Numbers_in_every_notation()
    {
        var doc = TomlParser.Parse("a = 0xDEAD_beef\nb = 0o755\nc = 0b1101\nd = -9223372036854775808\ne = 1_000.5e-3\nf = -inf\ng = +nan\nh = 6.626E-34\n");
        Assert.Multiple(() =>
        {
            Assert.That(((TomlInteger)doc["a"]).Value, Is.EqualTo(0xDEADBEEF));
            Assert.That(((TomlInteger)doc["b"]).Value, Is.EqualTo(493));
            Assert.That(((TomlInteger)doc["c"]).Value, Is.EqualTo(13));
            Assert.That(((TomlInteger)doc["d"]).Value, Is.EqualTo(long.MinValue));
            Assert.That(((TomlFloat)doc["e"]).Value, Is.EqualTo(1.0005));
            Assert.That(((TomlFloat)doc["f"]).Value, Is.EqualTo(double.NegativeInfinity));
            Assert.That(double.IsNaN(((TomlFloat)doc["g"]).Value), Is.True);
            Assert.That(((TomlFloat)doc["h"]).Value, Is.EqualTo(6.626e-34));
        });
    }

    [Test]
    public void Byte_order_mark_is_allowed_at_the_start_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(((TomlInteger)TomlParser.Parse("\uFEFFa = 1")["a"]).Value, Is.EqualTo(1));
            Assert.That(((TomlInteger)TomlParser.Parse(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'=', (byte)'1' })["a"]).Value, Is.EqualTo(1));
            Assert.Throws<TomlException>(() => TomlParser.Parse(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'=', (byte)'1' }));
        });
    }

    [Test]
    public void Table_api_adds_replaces_and_rejects_duplicates()
    {
        var table = new TomlTable { { "a", new TomlInteger(1) }, { "b", new TomlInteger(2) } };
        table["a"] = new TomlString("x");
        table["c"] = new TomlBoolean(true);
        Assert.Multiple(() =>
        {
            Assert.That(table.Keys, Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(table["a"], Is.EqualTo(new TomlString("x")));
            Assert.Throws<ArgumentException>(() => table.Add("b", new TomlInteger(3)));
            Assert.That(table.Remove("b"), Is.True);
            Assert.That(table.ContainsKey("b"), Is.False);
            Assert.That(table.TryGetValue("missing", out _), Is.False);
        });
    }

    [Test]
    public void Writer_output_is_deterministic_and_readable()
    {
        var doc = new TomlTable
        {
            ["title"] = new TomlString("HFT \"engine\"\n"),
            ["risk"] = new TomlTable { ["max position"] = new TomlInteger(10), ["halt"] = new TomlBoolean(false) },
            ["ratio"] = new TomlFloat(1e16),
            ["venues"] = new TomlArray
            {
                new TomlTable { ["name"] = new TomlString("A"), ["fees"] = new TomlTable { ["maker"] = new TomlFloat(-0.0) } },
                new TomlTable { ["name"] = new TomlString("B") },
            },
            ["mixed"] = new TomlArray { new TomlInteger(1), new TomlTable { ["x"] = new TomlLocalDateValue(new TomlLocalDate(2024, 2, 29)) } },
            ["deep"] = new TomlTable { ["er"] = new TomlTable { ["k"] = new TomlInteger(1) } },
        };
        const string expected =
            "title = \"HFT \\\"engine\\\"\\n\"\n" +
            "ratio = 10000000000000000.0\n" +
            "mixed = [1, { x = 2024-02-29 }]\n" +
            "\n[risk]\n\"max position\" = 10\nhalt = false\n" +
            "\n[[venues]]\nname = \"A\"\n\n[venues.fees]\nmaker = -0.0\n" +
            "\n[[venues]]\nname = \"B\"\n" +
            "\n[deep.er]\nk = 1\n";
        var text = TomlWriter.Write(doc);
        Assert.That(text, Is.EqualTo(expected));
        Assert.That(TomlParser.Parse(text).Equals(doc), Is.True);
    }

    [Test]
    public void Writer_rejects_strings_that_are_not_valid_unicode()
    {
        var doc = new TomlTable { ["s"] = new TomlString("a\uDC00") };
        Assert.Throws<ArgumentException>(() => TomlWriter.Write(doc));
    }
}
