using System.Text.Json;
using Hft.Engine.Config;
using Hft.Engine.Config.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>
/// The official toml-test suite, through the engine's whole reading path (UTF-8 check, Tomlyn's validating
/// syntax parser, the binder's tables): one case per <c>.toml</c> file of the TOML 1.1.0 list and of the 1.0.0
/// list. Valid files must decode to exactly their <c>.json</c>; invalid files must be rejected with a
/// <see cref="ConfigException"/> (any other exception is a bug). Tomlyn reads TOML 1.1, so the 1.0.0 cases that
/// TOML 1.1 made valid are expected to be accepted; they are listed by name.
/// </summary>
public sealed class TomlConformance
{
    /// <summary>Invalid in TOML 1.0.0, valid in TOML 1.1.0 (and accepted).</summary>
    public static readonly IReadOnlySet<string> ValidSinceToml11 = new HashSet<string>(StringComparer.Ordinal)
    {
        "invalid/datetime/no-secs",             // 1979-05-27T07:32Z: seconds are optional in 1.1
        "invalid/local-datetime/no-secs",
        "invalid/local-time/no-secs",
        "invalid/inline-table/linebreak-01",    // newlines inside inline tables
        "invalid/inline-table/linebreak-02",
        "invalid/inline-table/linebreak-03",
        "invalid/inline-table/linebreak-04",
        "invalid/inline-table/trailing-comma",  // a trailing comma in an inline table
        "invalid/string/basic-byte-escapes",    // \xHH
    };

    private static readonly Lazy<TomlTestSuite> Suite = new(TomlTestSuite.Locate);

    public static IEnumerable<TestCaseData> Cases11() => Cases(TomlTestSuite.List11Name);

    public static IEnumerable<TestCaseData> Cases10() => Cases(TomlTestSuite.ListName);

    private static IEnumerable<TestCaseData> Cases(string listName)
    {
        var suite = Suite.Value;
        if (suite.TestsDirectory is null)
        {
            // One placeholder so the absence shows up as Ignored (or Failed on CI), not as "no tests".
            yield return new TestCaseData("").SetName($"TomlConformance_{listName}_data_not_found");
            yield break;
        }
        foreach (var line in suite.ReadList(listName))
        {
            if (line.EndsWith(".toml", StringComparison.Ordinal))
                yield return new TestCaseData(line[..^".toml".Length]);
        }
    }

    [TestCaseSource(nameof(Cases11))]
    public void Toml_1_1_0(string name)
    {
        if (Located() is not { } tests) return;
        if (name.StartsWith("invalid/", StringComparison.Ordinal)) Rejects(tests, name);
        else Decodes(tests, name);
    }

    [TestCaseSource(nameof(Cases10))]
    public void Toml_1_0_0(string name)
    {
        if (Located() is not { } tests) return;
        if (ValidSinceToml11.Contains(name))
        {
            Assert.That(File.Exists(Path.Combine(tests, name + ".toml")));
            Assert.DoesNotThrow(() => ConfigDocument.Parse(File.ReadAllBytes(Path.Combine(tests, name + ".toml")), name + ".toml"),
                "valid TOML 1.1, so it is read");
        }
        else if (name.StartsWith("invalid/", StringComparison.Ordinal))
        {
            Rejects(tests, name);
        }
        else
        {
            Decodes(tests, name);
        }
    }

    [Test]
    public void Every_case_listed_as_valid_since_1_1_is_in_the_1_0_0_list_as_invalid()
    {
        if (Located() is not { } tests) return;
        var invalid = Suite.Value.ReadList(TomlTestSuite.ListName).Where(l => l.StartsWith("invalid/", StringComparison.Ordinal)).ToHashSet();
        Assert.That(ValidSinceToml11.Where(n => !invalid.Contains(n + ".toml")), Is.Empty);
        Assert.That(Directory.Exists(tests));
    }

    private static string? Located()
    {
        var suite = Suite.Value;
        if (suite.TestsDirectory is null) suite.ReportMissing();
        return suite.TestsDirectory;
    }

    private static void Rejects(string tests, string name)
    {
        // Raw bytes: BOMs, CRLFs and invalid UTF-8 in the inputs are part of what is tested.
        var bytes = File.ReadAllBytes(Path.Combine(tests, name + ".toml"));
        var fileName = name + ".toml";
        var error = Assert.Throws<ConfigException>(() => ConfigDocument.Parse(bytes, fileName))!;
        TestContext.Out.WriteLine(error.Message);
        Assert.That(error.Problems, Is.Not.Empty);
        Assert.That(error.Message, Does.StartWith(fileName + ":"));
    }

    private static void Decodes(string tests, string name)
    {
        Assert.That(name, Does.StartWith("valid/"), "case names start with valid/ or invalid/");
        var bytes = File.ReadAllBytes(Path.Combine(tests, name + ".toml"));
        ConfigTable document;
        try
        {
            document = ConfigDocument.Parse(bytes, name + ".toml");
        }
        catch (ConfigException e)
        {
            Assert.Fail($"valid document was rejected: {e.Message}");
            return;
        }
        var actualJson = TomlTaggedJson.From(document).ToJsonString();
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(tests, name + ".json")));
        using var actual = JsonDocument.Parse(actualJson);
        var differences = TomlTaggedJson.Compare(expected.RootElement, actual.RootElement);
        Assert.That(differences, Is.Empty, $"decoded document differs from {name}.json; decoded as:\n{actualJson}");
    }
}
