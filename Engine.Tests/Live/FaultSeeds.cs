using System.Globalization;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The seeds a seeded fault test runs: <c>HFT_FAULT_SEEDS=24,30</c> names them (to run a failed seed again),
/// <c>HFT_FAULT_RUNS=100</c> runs seeds 1 to 100; the suite's default is 1 to 3.
/// </summary>
internal static class FaultSeeds
{
    public static IEnumerable<int> FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("HFT_FAULT_SEEDS") is { Length: > 0 } listed)
            return listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int seed)
                    ? seed
                    : throw new FormatException($"HFT_FAULT_SEEDS: '{s}' is not a seed (expected a comma-separated list of whole numbers)"))
                .ToArray();
        int runs = int.TryParse(Environment.GetEnvironmentVariable("HFT_FAULT_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 3;
        return Enumerable.Range(1, runs);
    }
}
