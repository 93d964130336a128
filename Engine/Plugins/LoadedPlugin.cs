using System.Reflection;
using Hft.Core.Strategies;

namespace Hft.Engine.Plugins;

/// <summary>One plugin assembly loaded in its own collectible context, with the strategies found in it.</summary>
public sealed class LoadedPlugin
{
    private readonly PluginLoadContext _context;

    internal LoadedPlugin(string file, string displayName, PluginLoadContext context, Assembly assembly, IReadOnlyList<StrategyDescriptor> strategies)
    {
        File = file;
        DisplayName = displayName;
        _context = context;
        Assembly = assembly;
        Strategies = strategies;
    }

    /// <summary>The assembly's full path.</summary>
    public string File { get; }

    /// <summary>The path as messages and listings show it (the plugins folder as given, plus the file's name).</summary>
    public string DisplayName { get; }

    /// <summary>The plugin's main assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The strategies it declares that loaded (those with a problem are left out).</summary>
    public IReadOnlyList<StrategyDescriptor> Strategies { get; }

    /// <summary>
    /// Starts unloading the plugin's context. It is collected once nothing refers to its types any more: no
    /// strategy instance, factory or descriptor of it may be kept after this.
    /// </summary>
    public void Unload() => _context.Unload();

    /// <summary>A weak reference to the load context, to observe that it was collected (tests).</summary>
    internal WeakReference ContextReference() => new(_context);
}
