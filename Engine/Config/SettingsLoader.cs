using Hft.Core.Toml;

namespace Hft.Engine.Config;

/// <summary>Reads, parses and binds a configuration file.</summary>
public static class SettingsLoader
{
    /// <summary>
    /// Loads <paramref name="path"/>. A TOML syntax error becomes a <see cref="ConfigException"/> with one
    /// problem at the parser's line and column (the parser stops at the first), binding problems become one
    /// with all of them. A missing file is a <see cref="FileNotFoundException"/>.
    /// </summary>
    /// <param name="path">The file; problems name it as given here.</param>
    /// <param name="environment">Environment lookup for <c>${NAME}</c>; default: the process environment.</param>
    /// <param name="pluginsDirectory">A plugins folder replacing the file's <c>plugins_dir</c> (<c>--plugins</c>).</param>
    public static EngineSettings Load(string path, Func<string, string?>? environment = null, string? pluginsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var bytes = File.ReadAllBytes(path);
        TomlTable root;
        try
        {
            root = TomlParser.Parse(bytes, path);
        }
        catch (TomlException e)
        {
            throw new ConfigException([new ConfigProblem(e.FileName, e.Line, e.Column, e.Reason)]);
        }
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return SettingsBinder.Bind(root, path, directory, environment, pluginsDirectory);
    }
}
