namespace Hft.Engine.Tests.Config;

/// <summary>Helpers shared by the configuration tests: the repository's files and fake credentials.</summary>
internal static class ConfigTestKit
{
    /// <summary>Fake credentials for the shipped live configs; distinctive so a leak is easy to search for.</summary>
    public static readonly IReadOnlyDictionary<string, string> FakeSecrets = new Dictionary<string, string>
    {
        ["BINANCE_API_KEY"] = "fake-binance-key-7f3a91",
        ["BINANCE_API_SECRET"] = "fake-binance-secret-c0ffee42",
        ["BINANCE_SPOT_API_KEY"] = "fake-spot-key-1b2c3d",
        ["BINANCE_SPOT_API_SECRET"] = "fake-spot-secret-deadbeef77",
        ["BYBIT_API_KEY"] = "fake-bybit-key-99aa00",
        ["BYBIT_API_SECRET"] = "fake-bybit-secret-5e5e5e5e",
    };

    /// <summary>The repository root (the directory holding Engine.sln), found from the test output directory.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("Engine.sln not found above the test directory");
        }
    }

    /// <summary>The shipped configuration directory.</summary>
    public static string AppSettings => Path.Combine(RepositoryRoot, "appsettings");
}

/// <summary>Sets process environment variables for one test and restores the previous values afterwards.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved = new(StringComparer.Ordinal);

    public EnvironmentScope(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (name, value) in values) Set(name, value);
    }

    public void Set(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
    }
}
