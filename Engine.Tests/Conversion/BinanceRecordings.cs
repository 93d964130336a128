namespace Hft.Engine.Tests.Conversion;

/// <summary>
/// Finds the real Binance recordings (<c>shared/data/binance</c>, kept outside the repository beside the clone) by
/// walking up from the test assembly's directory.
/// </summary>
internal static class BinanceRecordings
{
    private const string Relative = "shared/data/binance";

    /// <summary>The folder, or null when no parent directory has it.</summary>
    public static string? Directory { get; } = Locate();

    /// <summary>Absolute path of a recording, e.g. <c>usdm/btcusdt_20240808.gz</c>; stops the test if it is missing.</summary>
    public static string Require(string relativeFile)
    {
        string? path = Directory is null ? null : Path.Combine(Directory, relativeFile);
        if (path is not null && File.Exists(path)) return path;
        string message = path is null
            ? $"Binance recordings not found: looked for {Relative} in every parent directory of {AppContext.BaseDirectory}."
            : $"Binance recording {path} not found.";
        // CI must not silently skip the real-data checks.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message + " CI=true, so missing recordings are a failure.");
        Assert.Ignore(message);
        return "";
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "binance");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
