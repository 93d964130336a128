using System.Text;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Config.Toml;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Config;

/// <summary>
/// Documents TOML rejects are reported at the right line and column, in words a person understands, through
/// <c>check</c> as well: never an exception trace, never a silent merge.
/// </summary>
public sealed class DocumentProblemTests : TempDirectoryTest
{
    public static IEnumerable<TestCaseData> BrokenDocuments()
    {
        yield return new TestCaseData("[market]\ntick_size 0.5\n", 2, 11,
            "expected '=' after the key, found '0'").SetName("Missing_equals");
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
        yield return new TestCaseData("a = 1\nname = \"abc\nb = 2\n", 2, 12,
            "unterminated string: missing closing quote before the end of the line (use \"\"\" or ''' for a multi-line string)").SetName("Unterminated_string");
        yield return new TestCaseData("text = \"\"\"\nline\n", 2, 5,
            "unterminated multi-line string: missing closing \"\"\" or ''' before the end of the file").SetName("Unterminated_multiline_string");
        yield return new TestCaseData("path = \"C:\\qdata\"\n", 1, 12,
            "invalid escape sequence '\\q'; valid escapes are \\b \\t \\n \\f \\r \\e \\\" \\\\ \\xHH \\uXXXX and \\UXXXXXXXX").SetName("Invalid_escape");
        yield return new TestCaseData("n = 9223372036854775808\n", 1, 5,
            "integer 9223372036854775808 is out of range: TOML integers are 64-bit (-9223372036854775808 to 9223372036854775807)").SetName("Integer_overflow");
        yield return new TestCaseData("n = 007\n", 1, 5,
            "invalid number '007': leading zeros are not allowed").SetName("Leading_zeros");
        yield return new TestCaseData("limits = { max = 1 }\n[limits]\n", 2, 1,
            "cannot define table [limits]: it is an inline table defined at line 1, column 1, and inline tables cannot be extended").SetName("Redefine_inline_table");
        yield return new TestCaseData("venues = [1, 2]\n[[venues]]\n", 2, 1,
            "cannot append to \"venues\" with [[venues]]: it is a static array defined at line 1, column 1").SetName("Extend_static_array");
        yield return new TestCaseData("fruit = []\n[[fruit]]\n", 2, 1,
            "cannot append to \"fruit\" with [[fruit]]: it is a static array defined at line 1, column 1").SetName("Extend_empty_static_array");
        yield return new TestCaseData("[a]\nb.c = 1\n[a.b]\n", 3, 1,
            "cannot define table [a.b]: it was already created by a dotted key at line 2, column 1").SetName("Table_over_dotted_key");
        yield return new TestCaseData("a = false\na.b = true\n", 2, 1,
            "cannot use dotted key a.b: \"a\" is already a boolean defined at line 1, column 1").SetName("Dotted_key_over_a_value");
        yield return new TestCaseData("[risk.limits]\nx = 1\n[risk]\nlimits.y = 2\n", 4, 1,
            "cannot add to table [risk.limits] with dotted key limits.y: it was defined by a header at line 1, column 1").SetName("Table_redefined_by_a_dotted_key");
        // Columns count code points: each emoji is one column although it is two UTF-16 units.
        yield return new TestCaseData("s = \"\U0001F600\U0001F600\" x\n", 1, 10,
            "unexpected 'x'; each key = value pair needs its own line").SetName("Column_counts_code_points");
    }

    [TestCaseSource(nameof(BrokenDocuments))]
    public void Reports_line_column_and_reason(string document, int line, int column, string reason)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(document, "config.toml"))!;
        Assert.That(error.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { $"config.toml:{line}:{column}: {reason}" }));
    }

    [Test]
    public void A_second_risk_table_is_a_problem_not_a_merge()
    {
        string path = PathOf("risk.toml");
        File.WriteAllText(path, "mode = \"backtest\"\n[[instruments]]\nsymbol = \"S\"\ntick_size = 1\nlot_size = 1\n[[strategies]]\nkind = \"idle\"\n" +
                                "[risk]\nmax_position = 5\n[risk]\nmax_position = 500\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.That(CheckCommand.Run(path, stdout, stderr), Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(stdout.ToString(), Is.Empty);
            Assert.That(stderr.ToString().ReplaceLineEndings("\n"), Is.EqualTo(
                $"{path}:10:1: duplicate table [risk]: it was already defined at line 8, column 1\n{path}: 1 problem\n"));
        });
    }

    [Test]
    public void Every_clash_of_a_file_is_reported_at_once()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse("a = 1\na = 2\n[t]\n[t]\n[u]\nb = false\nb.c = 1\n", "many.toml"))!;
        Assert.That(error.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "many.toml:2:1: duplicate key \"a\": it was already defined at line 1, column 1",
            "many.toml:4:1: duplicate table [t]: it was already defined at line 3, column 1",
            "many.toml:7:1: cannot use dotted key b.c: \"u.b\" is already a boolean defined at line 6, column 1",
        }));
    }

    [Test]
    public void A_secret_given_twice_is_reported_without_its_value()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse("api_key = \"sk-live-123\"\napi_key = \"sk-live-456\"\n", "s.toml"))!;
        Assert.That(error.Message, Is.EqualTo("s.toml:2:1: duplicate key \"api_key\": it was already defined at line 1, column 1"));
    }

    [Test]
    public void Invalid_utf8_is_reported_where_the_bad_byte_is()
    {
        var bytes = Encoding.UTF8.GetBytes("a = 1\nb = \"x").Concat(new byte[] { 0xC3, 0x28, (byte)'"', (byte)'\n' }).ToArray();
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(bytes, "bytes.toml"))!;
        Assert.That(error.Message, Is.EqualTo("bytes.toml:2:7: invalid UTF-8 byte sequence starting with byte 0xC3; TOML files must be UTF-8 encoded"));
    }

    [Test]
    public void Invalid_utf8_through_check_is_one_located_line()
    {
        string path = PathOf("latin1.toml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("mode = \"backtest\"\n# caf"), 0xE9, (byte)'\n']);
        var stderr = new StringWriter();
        Assert.That(CheckCommand.Run(path, new StringWriter(), stderr), Is.EqualTo(1));
        Assert.That(stderr.ToString().ReplaceLineEndings("\n"), Is.EqualTo(
            $"{path}:2:6: invalid UTF-8 byte sequence starting with byte 0xE9; TOML files must be UTF-8 encoded\n{path}: 1 problem\n"));
    }

    [Test]
    public void A_byte_order_mark_is_not_a_column()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a = 1 x\n")], "bom.toml"))!;
        Assert.That(error.Problems.Single().Column, Is.EqualTo(7));
    }

    [Test]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var deep = "a = " + new string('[', 100_000) + new string(']', 100_000);
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(deep, "deep.toml"))!;
        Assert.That(error.Message, Does.StartWith("deep.toml").And.EndWith($"arrays and inline tables are nested more than {ConfigDocument.MaxNesting} levels deep"));
    }

    [Test]
    public void Toml_1_1_syntax_is_read()
    {
        var root = ConfigDocument.Parse("t = { a = 1,\n  b = \"\\e\\x41\", }\nopen = 07:30\n", "new.toml");
        var t = (ConfigTable)root["t"];
        Assert.Multiple(() =>
        {
            Assert.That(((ConfigScalar)t["a"]).Value, Is.EqualTo(1L));
            Assert.That(((ConfigScalar)t["b"]).Value, Is.EqualTo("\u001bA"));
            Assert.That(root["open"].Kind, Is.EqualTo(ConfigValueKind.LocalTime));
            Assert.That(root["open"].ToString(), Is.EqualTo("07:30:00"));
        });
    }
}
