namespace Hft.Engine.Tests.Data;

/// <summary>Gives each test its own empty directory, deleted afterwards.</summary>
public abstract class TempDirectoryTest
{
    /// <summary>The test's directory.</summary>
    protected string Dir { get; private set; } = "";

    /// <summary>A path inside <see cref="Dir"/>.</summary>
    protected string PathOf(string name) => Path.Combine(Dir, name);

    [SetUp]
    public void CreateTempDirectory()
    {
        Dir = Path.Combine(Path.GetTempPath(), "hft-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void DeleteTempDirectory()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
