using System.Text.Json;
using Hft.Core.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>
/// The official toml-test suite for TOML 1.0.0: one case per <c>.toml</c> file named in
/// <c>tests/files-toml-1.0.0</c>. Valid files must decode to exactly their <c>.json</c>; invalid
/// files must be rejected with a <see cref="TomlException"/> (any other exception is a parser bug).
/// </summary>
public sealed class TomlConformance
{
    private static readonly Lazy<TomlTestSuite> Suite = new(TomlTestSuite.Locate);

    public static IEnumerable<TestCaseData> Cases()
    {
        var suite = Suite.Value;
        if (suite.TestsDirectory is null)
        {
            // One placeholder so the absence shows up as Ignored (or Failed on CI), not as "no tests".
            yield return new TestCaseData("").SetName("TomlConformance_data_not_found");
            yield break;
        }
        foreach (var line in suite.ReadList())
        {
            if (line.EndsWith(".toml", StringComparison.Ordinal))
                yield return new TestCaseData(line[..^".toml".Length]);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Case(string name)
    {
        var suite = Suite.Value;
        if (suite.TestsDirectory is null)
        {
            suite.ReportMissing();
            return;
        }

        var tomlPath = Path.Combine(suite.TestsDirectory, name + ".toml");
        // Raw bytes: BOMs, CRLFs and invalid UTF-8 in the inputs are part of what is tested.
        var bytes = File.ReadAllBytes(tomlPath);
        var fileName = name + ".toml";

        if (name.StartsWith("invalid/", StringComparison.Ordinal))
        {
            var error = Assert.Throws<TomlException>(() => TomlParser.Parse(bytes, fileName));
            TestContext.Out.WriteLine(error!.Message);
            Assert.That(error.Message, Does.StartWith(fileName + ":"));
            return;
        }

        Assert.That(name, Does.StartWith("valid/"), "case names start with valid/ or invalid/");
        TomlTable document;
        try
        {
            document = TomlParser.Parse(bytes, fileName);
        }
        catch (TomlException e)
        {
            Assert.Fail($"valid document was rejected: {e.Message}");
            return;
        }

        var actualJson = TomlTaggedJson.From(document).ToJsonString();
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(suite.TestsDirectory, name + ".json")));
        using var actual = JsonDocument.Parse(actualJson);
        var differences = TomlTaggedJson.Compare(expected.RootElement, actual.RootElement);
        Assert.That(differences, Is.Empty, $"decoded document differs from {name}.json; decoded as:\n{actualJson}");
    }
}
