using Hft.Core.Text;
using System.Collections.Concurrent;
using System.Reflection;
using Hft.Core.Strategies;
using Hft.Engine.Config;
using Hft.Strategies;

namespace Hft.Engine.Plugins;

/// <summary>
/// The strategies the engine can run by name: the built-ins (every <c>[Strategy]</c> type of Hft.Strategies) and
/// those of the plugins folder. Names are unique: a plugin strategy named like a built-in, or like a strategy of a
/// plugin loaded before it (file-name order), is refused with a problem naming both files. Built-in and plugin
/// strategies are made the same way (<see cref="StrategyDescriptor.Bind"/>) and run in the same actor graph.
/// Disposing the registry unloads its plugins.
/// </summary>
public sealed class StrategyRegistry : IDisposable
{
    private static readonly ConcurrentDictionary<string, StrategyRegistry> SharedByFolder = new(StringComparer.Ordinal);
    private static readonly Lazy<StrategyRegistry> SharedBuiltIns = new(() => new StrategyRegistry(null, null));

    private readonly List<RegisteredStrategy> _strategies = new();
    private readonly List<PluginLoadProblem> _problems = new();
    private readonly List<LoadedPlugin> _plugins = new();

    private StrategyRegistry(string? pluginsDirectory, string? displayDirectory)
    {
        foreach (var type in typeof(GridTrading).Assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetCustomAttribute<StrategyAttribute>(inherit: false) is null) continue;
            // A broken built-in is a bug of the engine, not a user problem: let it surface.
            Add(new RegisteredStrategy(StrategyDescriptor.Create(type), "built-in", null));
        }
        PluginsDirectory = pluginsDirectory;
        if (pluginsDirectory is null) return;
        var loaded = PluginLoader.LoadDirectory(pluginsDirectory, displayDirectory);
        _problems.AddRange(loaded.Problems);
        foreach (var plugin in loaded.Plugins)
        {
            int added = 0;
            foreach (var descriptor in plugin.Strategies)
            {
                if (Find(descriptor.Name) is { } existing)
                {
                    string where = existing.IsBuiltIn ? "a built-in strategy" : $"a strategy of {existing.Source}";
                    _problems.Add(new PluginLoadProblem(plugin.DisplayName,
                        $"strategy '{descriptor.Name}' ({descriptor.StrategyType.FullName}) is not loaded: the name is already taken by {where} ({existing.Descriptor.StrategyType.FullName}); rename one of them"));
                    continue;
                }
                Add(new RegisteredStrategy(descriptor, plugin.DisplayName, plugin));
                added++;
            }
            if (added > 0) _plugins.Add(plugin);
            else plugin.Unload();
        }
    }

    /// <summary>The plugins folder loaded, or null for built-ins only.</summary>
    public string? PluginsDirectory { get; }

    /// <summary>Every runnable strategy: built-ins first, then plugins in file-name order.</summary>
    public IReadOnlyList<RegisteredStrategy> Strategies => _strategies;

    /// <summary>The names, sorted.</summary>
    public IReadOnlyList<string> Names => _strategies.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>What could not be loaded, one entry per cause.</summary>
    public IReadOnlyList<PluginLoadProblem> Problems => _problems;

    /// <summary>The plugins that contributed at least one strategy.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins => _plugins;

    /// <summary>The built-in strategies only (shared, never disposed).</summary>
    public static StrategyRegistry BuiltIn => SharedBuiltIns.Value;

    /// <summary>Built-ins plus the plugins of <paramref name="pluginsDirectory"/> (which must exist); the caller disposes it.</summary>
    /// <param name="pluginsDirectory">The plugins folder.</param>
    /// <param name="displayDirectory">How messages show the folder; default: as given.</param>
    public static StrategyRegistry Load(string pluginsDirectory, string? displayDirectory = null) =>
        new(pluginsDirectory ?? throw new ArgumentNullException(nameof(pluginsDirectory)), displayDirectory);

    /// <summary>
    /// The registry of a plugins folder, loaded once per process and kept (the command line loads the folder the
    /// configuration names and runs from it); null gives the built-ins.
    /// </summary>
    public static StrategyRegistry Shared(string? pluginsDirectory)
    {
        if (pluginsDirectory is null) return BuiltIn;
        return SharedByFolder.GetOrAdd(Path.GetFullPath(pluginsDirectory), _ => new StrategyRegistry(pluginsDirectory, pluginsDirectory));
    }

    /// <summary>The strategy of that name, or null.</summary>
    public RegisteredStrategy? Find(string name) => _strategies.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// Binds <paramref name="parameters"/> for the named strategy and checks that an instance can be made with
    /// them, so a bad parameter or a constructor that throws fails now, before a run. Throws
    /// <see cref="StrategyParameterException"/> for parameters, <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public Func<Strategy> Resolve(string name, StrategyParameters parameters)
    {
        var entry = Find(name) ?? throw new ArgumentException(UnknownMessage(name));
        var factory = entry.Descriptor.Bind(parameters);
        try
        {
            factory();
        }
        catch (Exception e) when (e is not StrategyParameterException)
        {
            throw new ArgumentException($"strategy '{name}' ({entry.Source}): its constructor threw {e.GetType().Name}: {e.Message}", e);
        }
        return factory;
    }

    /// <summary><c>unknown strategy 'x' (did you mean 'y'?); available: ...</c>, plus the plugins that failed to load.</summary>
    public string UnknownMessage(string name)
    {
        string message = $"unknown strategy '{name}'{KeySuggestions.Hint(name, Names)}; available: {string.Join(", ", Names)}";
        if (_problems.Count > 0)
            message += $" ({_problems.Count} plugin problem{(_problems.Count == 1 ? "" : "s")}: {string.Join("; ", _problems)})";
        return message;
    }

    /// <summary>Unloads the plugins; their strategies must not be used afterwards.</summary>
    public void Dispose()
    {
        if (ReferenceEquals(this, SharedBuiltIns.Value)) return;
        foreach (var plugin in _plugins) plugin.Unload();
        _plugins.Clear();
        _strategies.RemoveAll(s => !s.IsBuiltIn);
    }

    private void Add(RegisteredStrategy strategy)
    {
        if (Find(strategy.Name) is { } existing)
            throw new InvalidOperationException($"two built-in strategies are named '{strategy.Name}': {existing.Descriptor.StrategyType} and {strategy.Descriptor.StrategyType}");
        _strategies.Add(strategy);
    }
}
