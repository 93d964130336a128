namespace Hft.Engine.Tests.Conversion;

/// <summary>
/// Finds the venues' published message samples (<c>shared/fixtures/exchanges</c>, outside the repository beside the
/// clone) by walking up from the test assembly's directory, as <see cref="BinanceRecordings"/> does.
/// </summary>
internal static class ExchangeFixtures
{
    /// <summary>The folder, or null when no parent directory has it.</summary>
    public static string? Directory { get; } = Locate();

    /// <summary>The text of a fixture, e.g. <c>bybit/publicTrade.json</c>; stops the test if it is missing.</summary>
    public static string Require(string relativeFile)
    {
        string? path = Directory is null ? null : Path.Combine(Directory, relativeFile);
        if (path is not null && File.Exists(path)) return File.ReadAllText(path);
        string message = path is null
            ? $"Exchange fixtures not found: looked for shared/fixtures/exchanges in every parent directory of {AppContext.BaseDirectory}."
            : $"Exchange fixture {path} not found.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message + " CI=true, so missing fixtures are a failure.");
        Assert.Ignore(message);
        return "";
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "fixtures", "exchanges");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
