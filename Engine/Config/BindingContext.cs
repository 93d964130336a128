using Hft.Engine.Config.Toml;

namespace Hft.Engine.Config;

/// <summary>
/// State shared while binding one file: where problems go, how <c>${NAME}</c> is looked up, and which
/// directory relative paths start from.
/// </summary>
internal sealed class BindingContext
{
    private readonly List<ConfigProblem> _problems = new();

    public BindingContext(string fileName, string baseDirectory, Func<string, string?> environment)
    {
        FileName = fileName;
        BaseDirectory = baseDirectory;
        Environment = environment;
    }

    /// <summary>The file name used in problems.</summary>
    public string FileName { get; }

    /// <summary>Relative paths in the file are relative to this directory (the file's own).</summary>
    public string BaseDirectory { get; }

    /// <summary>Environment variable lookup: null for an unset variable.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>The problems so far, in the order found.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Records a problem at <paramref name="at"/>.</summary>
    public void Report(SourcePosition at, string message) => _problems.Add(new ConfigProblem(FileName, at.Line, at.Column, message));

    /// <summary>A full path: absolute paths are kept, relative ones start at <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);

    /// <summary>
    /// Expands <c>${NAME}</c> in <paramref name="value"/>; reports a problem at the string (and returns null)
    /// when a variable is unset or the reference is malformed.
    /// </summary>
    public string? Expand(ConfigScalar value, string keyPath)
    {
        if (EnvironmentExpander.TryExpand((string)value.Value, Environment, out var result, out var error)) return result;
        Report(value.Position, $"{keyPath}: {error}");
        return null;
    }
}
