namespace Hft.Engine.Tests.Toml;

/// <summary>
/// Checks the conformance data itself, so a truncated or mismatched copy cannot make the
/// conformance fixture pass by running fewer cases.
/// </summary>
public sealed class TomlTestSuiteListTests
{
    // Counts of the pinned toml-test commit (see the README next to the data).
    [TestCase(TomlTestSuite.ListName, 210, 499)]
    [TestCase(TomlTestSuite.List11Name, 220, 492)]
    public void List_names_its_valid_pairs_and_invalid_files_and_all_exist(string listName, int validCases, int invalidCases)
    {
        var suite = TomlTestSuite.Locate();
        if (suite.TestsDirectory is null)
        {
            suite.ReportMissing();
            return;
        }
        var lines = suite.ReadList(listName);
        var toml = lines.Where(l => l.EndsWith(".toml", StringComparison.Ordinal)).ToList();
        var json = lines.Where(l => l.EndsWith(".json", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var valid = toml.Where(l => l.StartsWith("valid/", StringComparison.Ordinal)).ToList();
        var invalid = toml.Where(l => l.StartsWith("invalid/", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(validCases * 2 + invalidCases), "lines in " + listName);
            Assert.That(valid, Has.Count.EqualTo(validCases));
            Assert.That(invalid, Has.Count.EqualTo(invalidCases));
            Assert.That(valid.Where(v => !json.Contains(v[..^".toml".Length] + ".json")), Is.Empty, "valid cases without a .json");
            Assert.That(lines.Where(l => !File.Exists(Path.Combine(suite.TestsDirectory, l))), Is.Empty, "listed files that are missing");
        });
    }
}
