using System.Reflection;
using System.Runtime.Loader;

namespace Hft.Engine.Plugins;

/// <summary>
/// The load context of one plugin assembly: collectible, so the plugin can be unloaded. <c>Hft.Core</c> always
/// resolves to the engine's own copy (so a plugin's <c>Strategy</c> is the engine's <c>Strategy</c>, even when a
/// copy of Hft.Core.dll was shipped beside the plugin); every other assembly the plugin brings is loaded from its
/// folder (through its <c>.deps.json</c> when present), so a plugin's dependencies never clash with the engine's or
/// another plugin's; what the folder does not have (the framework) comes from the engine.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _directory;

    public PluginLoadContext(string mainAssemblyPath)
        : base($"plugin:{Path.GetFileName(mainAssemblyPath)}", isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _directory = Path.GetDirectoryName(mainAssemblyPath)!;
    }

    /// <summary>The engine's Hft.Core, shared with every plugin.</summary>
    public static Assembly HostCore { get; } = typeof(Hft.Core.Strategies.Strategy).Assembly;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, HostCore.GetName().Name, StringComparison.OrdinalIgnoreCase)) return HostCore;
        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            // Without a .deps.json entry, a file of that name beside the plugin still counts.
            string local = Path.Combine(_directory, assemblyName.Name + ".dll");
            if (File.Exists(local) && !IsFrameworkName(assemblyName.Name)) path = local;
        }
        return path is null ? null : LoadFromFile(path);
    }

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> from a copy of its bytes, so the file is not mapped while it is in
    /// use: a rebuild may overwrite it in place (hot swap) without touching the code that runs.
    /// </summary>
    public Assembly LoadFromFile(string path)
    {
        using var image = new MemoryStream(File.ReadAllBytes(path));
        string symbols = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(symbols)) return LoadFromStream(image);
        using var pdb = new MemoryStream(File.ReadAllBytes(symbols));
        return LoadFromStream(image, pdb);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    // A plugin folder may hold copies of framework assemblies (a self-contained publish); the engine's are used.
    private static bool IsFrameworkName(string? name) =>
        name is not null && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
            || name is "System" or "mscorlib" or "netstandard");
}
