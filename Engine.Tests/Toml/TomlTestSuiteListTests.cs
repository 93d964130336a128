namespace Hft.Engine.Tests.Toml;

/// <summary>
/// Checks the conformance data itself, so a truncated or mismatched copy cannot make the
/// conformance fixture pass by running fewer cases.
/// </summary>
public sealed class TomlTestSuiteListTests
{
    // Counts of the pinned toml-test commit (see the README next to the data).
    private const int ValidCases = 210;
    private const int InvalidCases = 499;

    [Test]
    public void List_names_210_valid_pairs_and_499_invalid_files_that_all_exist()
    {
        var suite = TomlTestSuite.Locate();
        if (suite.TestsDirectory is null)
        {
            suite.ReportMissing();
            return;
        }
        var lines = suite.ReadList();
        var toml = lines.Where(l => l.EndsWith(".toml", StringComparison.Ordinal)).ToList();
        var json = lines.Where(l => l.EndsWith(".json", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var valid = toml.Where(l => l.StartsWith("valid/", StringComparison.Ordinal)).ToList();
        var invalid = toml.Where(l => l.StartsWith("invalid/", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(ValidCases * 2 + InvalidCases), "lines in " + TomlTestSuite.ListName);
            Assert.That(valid, Has.Count.EqualTo(ValidCases));
            Assert.That(invalid, Has.Count.EqualTo(InvalidCases));
            Assert.That(valid.Where(v => !json.Contains(v[..^".toml".Length] + ".json")), Is.Empty, "valid cases without a .json");
            Assert.That(lines.Where(l => !File.Exists(Path.Combine(suite.TestsDirectory, l))), Is.Empty, "listed files that are missing");
        });
    }
}
