namespace Hft.Engine.Live;

/// <summary>
/// With <c>reload_on_change</c>: watches the plugins folder (its assemblies) and the config file, and asks for a reload
/// once they have been quiet for a second after a change, so a publish that writes several files is one reload.
/// </summary>
internal sealed class StrategySourceWatch : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private readonly List<FileSystemWatcher> _watchers = new();
    private readonly Timer _settle;
    private readonly Action<string> _reload;
    private string _what = "";

    /// <summary>Watches <paramref name="pluginsDir"/> (null: none) and <paramref name="config"/>; <paramref name="reload"/> hears what changed.</summary>
    public StrategySourceWatch(string? pluginsDir, string config, Action<string> reload, Serilog.ILogger log)
    {
        _reload = reload;
        _settle = new Timer(_ => _reload(_what), null, Timeout.Infinite, Timeout.Infinite);
        if (pluginsDir is not null && Directory.Exists(pluginsDir)) _watchers.Add(Watch(pluginsDir, "*.dll", recursive: true));
        _watchers.Add(Watch(Path.GetDirectoryName(Path.GetFullPath(config))!, Path.GetFileName(config), recursive: false));
        log.Information("Strategies reload when {Plugins} or {Config} change", pluginsDir ?? "(no plugins folder)", config);
    }

    private FileSystemWatcher Watch(string folder, string filter, bool recursive)
    {
        var watcher = new FileSystemWatcher(folder, filter) { IncludeSubdirectories = recursive, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        watcher.Changed += (_, e) => Changed(e.FullPath);
        watcher.Created += (_, e) => Changed(e.FullPath);
        watcher.Renamed += (_, e) => Changed(e.FullPath);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Changed(string path)
    {
        _what = "change of " + path;
        _settle.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var w in _watchers) w.Dispose();
        _settle.Dispose();
    }
}
