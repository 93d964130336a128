using System.Diagnostics;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Plugins;

/// <summary>
/// Builds <c>samples/MyStrategy</c> the way its README says (<c>dotnet publish -o DIR</c>), once per test run, into
/// a temporary folder; tests copy that folder into their own plugins folders. The folder is deleted when the run ends.
/// </summary>
[SetUpFixture]
public sealed class SamplePlugin
{
    private static readonly object Gate = new();
    private static string? _built;
    private static string? _root;

    /// <summary>The sample's strategy name.</summary>
    public const string StrategyName = "my_quoter";

    /// <summary>The published sample: a folder holding MyStrategy.dll (and no Hft.Core.dll).</summary>
    public static string Folder
    {
        get
        {
            lock (Gate) return _built ??= Build();
        }
    }

    /// <summary>Copies the published sample into <paramref name="pluginsDir"/>/MyStrategy.</summary>
    public static string CopyTo(string pluginsDir, string folderName = "MyStrategy")
    {
        string target = Path.Combine(pluginsDir, folderName);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Folder)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    [OneTimeTearDown]
    public void DeleteBuild()
    {
        lock (Gate)
        {
            if (_root is not null && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
            _root = _built = null;
        }
    }

    private static string Build()
    {
        string repo = ConfigTestKit.RepositoryRoot;
        _root = Directory.CreateTempSubdirectory("hft-sample-plugin-").FullName;
        string output = Path.Combine(_root, "MyStrategy");
        // The same configuration as the tests, so the Core it compiles against is the one already built.
        string configuration = TestContext.CurrentContext.TestDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug" : "Release";
        var (exit, text) = Dotnet(repo, "publish", Path.Combine(repo, "samples", "MyStrategy", "MyStrategy.csproj"), "-c", configuration, "-o", output,
            "--nologo", "-v", "q", "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        if (exit != 0 || !File.Exists(Path.Combine(output, "MyStrategy.dll")))
            Assert.Fail($"dotnet publish of the sample plugin failed ({exit}):\n{text}");
        return output;
    }

    /// <summary>Runs the dotnet CLI without the MSBuild settings of the test run leaking in.</summary>
    public static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
