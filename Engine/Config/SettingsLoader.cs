using Hft.Engine.Config.Toml;

namespace Hft.Engine.Config;

/// <summary>Reads, parses and binds a configuration file.</summary>
public static class SettingsLoader
{
    /// <summary>
    /// Loads <paramref name="path"/>. A document TOML rejects (invalid UTF-8, bad syntax, a key or table given
    /// twice) becomes a <see cref="ConfigException"/> with its problems at their lines and columns; a valid one
    /// is bound, and binding problems become one with all of them. A missing file is a <see cref="FileNotFoundException"/>.
    /// </summary>
    /// <param name="path">The file; problems name it as given here.</param>
    /// <param name="environment">Environment lookup for <c>${NAME}</c>; default: the process environment.</param>
    /// <param name="pluginsDirectory">A plugins folder replacing the file's <c>plugins_dir</c> (<c>--plugins</c>).</param>
    /// <param name="registries">The strategy registry of a plugins folder (null: built-ins); default the process's shared one.</param>
    public static EngineSettings Load(string path, Func<string, string?>? environment = null, string? pluginsDirectory = null,
        Func<string?, Hft.Engine.Plugins.StrategyRegistry>? registries = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var bytes = File.ReadAllBytes(path);
        var root = ConfigDocument.Parse(bytes, path);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return SettingsBinder.Bind(root, path, directory, environment, pluginsDirectory, registries);
    }
}
