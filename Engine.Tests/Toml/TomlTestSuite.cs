namespace Hft.Engine.Tests.Toml;

/// <summary>
/// Finds the toml-test conformance data (kept outside the repository, next to the clone):
/// <c>TOML_TEST_DIR</c> if set, otherwise a <c>shared/toml-test</c> folder beside any parent of the
/// test assembly's directory (X/main/... or a worktree next to X/shared).
/// </summary>
internal sealed class TomlTestSuite
{
    /// <summary>The list of the TOML 1.0.0 cases; its presence marks the folder.</summary>
    public const string ListName = "files-toml-1.0.0";

    /// <summary>The list of the TOML 1.1.0 cases.</summary>
    public const string List11Name = "files-toml-1.1.0";
    private const string RelativeTests = "shared/toml-test/tests";

    private TomlTestSuite(string? testsDirectory, string lookedFor)
    {
        TestsDirectory = testsDirectory;
        LookedFor = lookedFor;
    }

    /// <summary>The suite's <c>tests</c> folder, or null when it was not found.</summary>
    public string? TestsDirectory { get; }

    /// <summary>What was searched, for the message when nothing was found.</summary>
    public string LookedFor { get; }


    public string MissingMessage =>
        $"toml-test data not found: looked for {LookedFor}. Set TOML_TEST_DIR to the toml-test folder (the one holding tests/{ListName}).";

    /// <summary>CI must not silently skip the suite.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static TomlTestSuite Locate()
    {
        var configured = Environment.GetEnvironmentVariable("TOML_TEST_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            foreach (var candidate in new[] { Path.Combine(configured, "tests"), configured })
            {
                if (File.Exists(Path.Combine(candidate, ListName)))
                    return new TomlTestSuite(Path.GetFullPath(candidate), configured);
            }
            return new TomlTestSuite(null, $"{ListName} in TOML_TEST_DIR={configured} or its tests/ folder");
        }

        var start = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "toml-test", "tests");
            if (File.Exists(Path.Combine(candidate, ListName)))
                return new TomlTestSuite(candidate, candidate);
        }
        return new TomlTestSuite(null, $"{RelativeTests}/{ListName} in every parent directory of {start} (TOML_TEST_DIR is not set)");
    }

    /// <summary>Stops the current test: Ignored locally, Failed on CI.</summary>
    public void ReportMissing()
    {
        if (IsCi)
            Assert.Fail(MissingMessage + " CI=true, so missing conformance data is a failure.");
        Assert.Ignore(MissingMessage);
    }

    /// <summary>The lines of list file <paramref name="listName"/> (paths relative to the tests folder).</summary>
    public IReadOnlyList<string> ReadList(string listName) =>
        File.ReadAllLines(Path.Combine(TestsDirectory ?? throw new InvalidOperationException(MissingMessage), listName)).Where(l => l.Length > 0).ToList();
}
