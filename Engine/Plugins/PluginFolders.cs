namespace Hft.Engine.Plugins;

/// <summary>Where plugins are looked for when no folder is given: <c>plugins/</c> beside the configuration file, else in the working directory.</summary>
public static class PluginFolders
{
    /// <summary>The default folder name.</summary>
    public const string DefaultName = "plugins";

    /// <summary>
    /// The first existing of <c>&lt;configDirectory&gt;/plugins</c> and <c>&lt;working directory&gt;/plugins</c>, as a full
    /// path; null when neither exists (then only built-in strategies are available).
    /// </summary>
    public static string? FindDefault(string? configDirectory)
    {
        if (configDirectory is not null)
        {
            string beside = Path.GetFullPath(Path.Combine(configDirectory, DefaultName));
            if (Directory.Exists(beside)) return beside;
        }
        string local = Path.GetFullPath(DefaultName);
        return Directory.Exists(local) ? local : null;
    }
}
