using System.Text;
using Hft.Core.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>Broken documents must be reported at the right line and column, in words a person understands.</summary>
public sealed class TomlErrorLocationTests
{
    private const string Escapes = @"valid escapes are \b \t \n \f \r \"" \\ \uXXXX and \UXXXXXXXX";

    public static IEnumerable<TestCaseData> BrokenDocuments()
    {
        yield return new TestCaseData("[market]\ntick_size 0.5\n", 2, 11,
            "expected '=' after key \"tick_size\" but found '0'").SetName("Missing_equals");
        yield return new TestCaseData("[a]\nx = 1\n\n[a]\ny = 2\n", 4, 1,
            "duplicate table [a]: it was already defined at line 1, column 1").SetName("Duplicate_table");
        yield return new TestCaseData("[server]\nport = 1\n  port = 2\n", 3, 3,
            "duplicate key \"port\" in table [server]: it was already defined at line 2, column 1").SetName("Duplicate_key");
        yield return new TestCaseData("a = 1\r\nb = 1\r\na = 2\r\n", 3, 1,
            "duplicate key \"a\": it was already defined at line 1, column 1").SetName("Duplicate_key_with_CRLF_lines");
        yield return new TestCaseData("[session]\nopen = 2023-02-30\n", 2, 8,
            "invalid date 2023-02-30: February 2023 has days 01 to 28").SetName("Bad_date_February_30");
        yield return new TestCaseData("close = 24:00:00\n", 1, 9,
            "invalid time 24:00:00: hour must be 00 to 23").SetName("Bad_time_hour_24");
        yield return new TestCaseData("a = 1\nname = \"abc\nb = 2\n", 2, 8,
            "unterminated string: missing closing '\"' before the end of the line (use \"\"\" for a multi-line string)").SetName("Unterminated_string");
        yield return new TestCaseData("text = \"\"\"\nline\n", 1, 8,
            "unterminated multi-line string: missing closing '\"\"\"'").SetName("Unterminated_multiline_string");
        yield return new TestCaseData("path = \"C:\\qdata\"\n", 1, 11,
            $"invalid escape sequence '\\q'; {Escapes}").SetName("Invalid_escape");
        yield return new TestCaseData("n = 9223372036854775808\n", 1, 5,
            "integer 9223372036854775808 is out of range: TOML integers are 64-bit (-9223372036854775808 to 9223372036854775807)").SetName("Integer_overflow");
        yield return new TestCaseData("n = 007\n", 1, 5,
            "invalid number '007': leading zeros are not allowed").SetName("Leading_zeros");
        yield return new TestCaseData("s = \"a\u0007b\"\n", 1, 7,
            "control character U+0007 is not allowed in a string; write it as the escape \\u0007 in a basic string").SetName("Control_character_in_string");
        yield return new TestCaseData("limits = { max = 1 }\n[limits]\n", 2, 1,
            "cannot define table [limits]: it is an inline table defined at line 1, column 1, and inline tables cannot be extended").SetName("Redefine_inline_table");
        yield return new TestCaseData("venues = [1, 2]\n[[venues]]\n", 2, 1,
            "cannot append to \"venues\" with [[venues]]: it is a static array defined at line 1, column 1").SetName("Extend_static_array");
        yield return new TestCaseData("[a]\nb.c = 1\n[a.b]\n", 3, 1,
            "cannot define table [a.b]: it was already created by a dotted key at line 2, column 1").SetName("Table_over_dotted_key");
        // Columns count code points: each emoji is one column although it is two UTF-16 units.
        yield return new TestCaseData("s = \"\U0001F600\U0001F600\" x\n", 1, 10,
            "unexpected 'x' after value; each key/value pair needs its own line").SetName("Column_counts_code_points");
        yield return new TestCaseData("p = { a = 1, }\n", 1, 14,
            "a trailing comma is not allowed in an inline table in TOML 1.0.0").SetName("Inline_table_trailing_comma");
    }

    [TestCaseSource(nameof(BrokenDocuments))]
    public void Reports_line_column_and_reason(string document, int line, int column, string reason)
    {
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(document, "config.toml"))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Reason, Is.EqualTo(reason));
            Assert.That((error.Line, error.Column), Is.EqualTo((line, column)));
            Assert.That(error.FileName, Is.EqualTo("config.toml"));
            Assert.That(error.Message, Is.EqualTo($"config.toml:{line}:{column}: {reason}"));
        });
    }

    [Test]
    public void Invalid_utf8_is_reported_where_the_bad_byte_is()
    {
        var bytes = Encoding.UTF8.GetBytes("a = 1\nb = \"x").Concat(new byte[] { 0xC3, 0x28, (byte)'"', (byte)'\n' }).ToArray();
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(bytes, "bytes.toml"))!;
        Assert.That(error.Message, Is.EqualTo("bytes.toml:2:7: invalid UTF-8 byte sequence starting with byte 0xC3; TOML files must be UTF-8 encoded"));
    }

    [Test]
    public void Unpaired_surrogate_in_a_string_argument_is_rejected()
    {
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse("s = \"\uD800\"\n"))!;
        Assert.That(error.Message, Is.EqualTo("<input>:1:6: invalid Unicode: unpaired surrogate U+D800"));
    }

    [Test]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var deep = "a = " + new string('[', 100_000) + new string(']', 100_000);
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(deep))!;
        Assert.That(error.Reason, Is.EqualTo($"arrays and inline tables are nested more than {TomlParser.MaxNesting} levels deep"));
        Assert.That(error.Column, Is.EqualTo(5 + TomlParser.MaxNesting));
    }
}
