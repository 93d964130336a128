using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Hft.Core.Strategies;

namespace Hft.Engine.Plugins;

/// <summary>
/// Finds and loads the plugins of a folder. A plugin is
/// <list type="bullet">
/// <item>a <c>.dll</c> directly in the folder that references Hft.Core (other <c>.dll</c>s there are taken as
/// dependencies shared by those plugins and are not loaded by themselves), or</item>
/// <item>a sub-folder <c>NAME/</c> holding <c>NAME.dll</c> and its dependencies, which is what
/// <c>dotnet publish -o plugins/NAME</c> produces.</item>
/// </list>
/// Each plugin gets its own collectible <see cref="PluginLoadContext"/>. Before anything of it runs, the loader
/// checks, in order: that the file is a .NET assembly; that the Hft.Core it was built against is compatible with
/// the engine's (<see cref="CoreCompatibility"/>); that every assembly it references can be found (in its folder or
/// the engine); then it inspects each type marked <c>[Strategy]</c> (<see cref="StrategyDescriptor.Create"/>) and
/// makes one instance with default parameters, so a constructor that throws is caught now. Each failure is one
/// <see cref="PluginLoadProblem"/> naming the file and the cause; the other plugins (and the other strategies of
/// the same plugin) still load.
/// </summary>
public static class PluginLoader
{
    private static readonly string CoreName = PluginLoadContext.HostCore.GetName().Name!;

    /// <summary>Loads every plugin of <paramref name="directory"/>, in file-name order.</summary>
    /// <param name="directory">The plugins folder; it must exist.</param>
    /// <param name="displayDirectory">How to show the folder in messages; default: as given.</param>
    public static PluginLoadResult LoadDirectory(string directory, string? displayDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: no such plugins folder");
        displayDirectory ??= directory;
        var plugins = new List<LoadedPlugin>();
        var problems = new List<PluginLoadProblem>();

        foreach (var file in Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            string display = Path.Combine(displayDirectory, Path.GetFileName(file));
            // Directly in the folder, an assembly that does not reference Hft.Core is a shared dependency.
            Load(file, display, problems, plugins, dependencyIfNoCore: true);
        }
        foreach (var sub in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(sub);
            if (name.StartsWith('.')) continue;
            string main = Path.Combine(sub, name + ".dll");
            string display = Path.Combine(displayDirectory, name, name + ".dll");
            if (!File.Exists(main))
            {
                problems.Add(new PluginLoadProblem(Path.Combine(displayDirectory, name),
                    $"no {name}.dll in this folder (a plugin folder holds <folder name>.dll and its dependencies, as `dotnet publish -o {Path.Combine(displayDirectory, name)}` writes them)"));
                continue;
            }
            Load(main, display, problems, plugins, dependencyIfNoCore: false);
        }
        return new PluginLoadResult(plugins, problems);
    }

    private static void Load(string file, string display, List<PluginLoadProblem> problems, List<LoadedPlugin> plugins, bool dependencyIfNoCore)
    {
        void Problem(string message) => problems.Add(new PluginLoadProblem(display, message));

        // 1. What the file is, from its metadata alone: nothing is loaded yet.
        Version? coreVersion;
        try
        {
            if (!TryReadCoreReference(file, out coreVersion, out var notAssembly))
            {
                Problem(notAssembly!);
                return;
            }
        }
        catch (IOException e)
        {
            Problem($"cannot be read: {e.Message}");
            return;
        }
        catch (UnauthorizedAccessException e)
        {
            Problem($"cannot be read: {e.Message}");
            return;
        }
        if (coreVersion is null)
        {
            if (!dependencyIfNoCore) Problem($"does not reference {CoreName}, so it cannot declare a strategy (reference Core/Core.csproj or the Hft.Core package)");
            return;
        }

        // 2. The Core it was built against.
        var hostVersion = PluginLoadContext.HostCore.GetName().Version!;
        if (CoreCompatibility.Check(coreVersion, hostVersion) is { } incompatible)
        {
            Problem(incompatible);
            return;
        }

        // 3. Load it alone and check that everything it references resolves.
        var context = new PluginLoadContext(file);
        bool keep = false;
        try
        {
            Assembly assembly;
            try
            {
                assembly = context.LoadFromFile(file);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                Problem($"cannot be loaded: {e.Message}");
                return;
            }
            var missing = new List<string>();
            CheckReferences(assembly, context, new HashSet<string>(StringComparer.OrdinalIgnoreCase), missing);
            if (missing.Count > 0)
            {
                string folder = Path.GetDirectoryName(display) is { Length: > 0 } d ? d : ".";
                Problem($"missing dependenc{(missing.Count == 1 ? "y" : "ies")} {string.Join("; ", missing)}: not in {folder} nor in the engine " +
                    "(publish the plugin with its dependencies: dotnet publish -o <plugins folder>/<name>)");
                return;
            }

            // 4. Its strategies.
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                var reasons = e.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct().Take(3);
                Problem($"some types cannot be loaded: {string.Join("; ", reasons)}");
                types = e.Types.Where(t => t is not null).ToArray()!;
            }
            var strategies = new List<StrategyDescriptor>();
            int declared = 0;
            foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                var attribute = type.GetCustomAttribute<StrategyAttribute>(inherit: false);
                if (attribute is null) continue;
                declared++;
                if (Describe(type, attribute, Problem) is { } descriptor) strategies.Add(descriptor);
            }
            if (declared == 0)
            {
                Problem($"declares no strategy (no public class deriving from {typeof(Strategy).FullName} with [Strategy(\"name\")])");
                return;
            }
            if (strategies.Count == 0) return;
            plugins.Add(new LoadedPlugin(file, display, context, assembly, strategies));
            keep = true;
        }
        finally
        {
            if (!keep) context.Unload();
        }
    }

    private static StrategyDescriptor? Describe(Type type, StrategyAttribute attribute, Action<string> problem)
    {
        string what = $"strategy '{attribute.Name}' ({type.FullName})";
        StrategyDescriptor descriptor;
        try
        {
            descriptor = StrategyDescriptor.Create(type);
        }
        catch (StrategyDefinitionException e)
        {
            problem(e.Message);
            return null;
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            problem($"{what}: cannot be inspected: {e.Message}");
            return null;
        }
        if (!descriptor.HasDefaults) return descriptor;
        try
        {
            // One instance with the defaults: a constructor that throws is reported now, not in the middle of a run.
            descriptor.Bind(StrategyParameters.Empty)();
        }
        catch (StrategyParameterException e)
        {
            problem($"{what}: its default parameters are invalid: {e.Message}");
            return null;
        }
        catch (Exception e)
        {
            problem($"{what}: its constructor threw {e.GetType().Name}: {e.Message}");
            return null;
        }
        return descriptor;
    }

    private static void CheckReferences(Assembly assembly, PluginLoadContext context, HashSet<string> seen, List<string> missing)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (!seen.Add(reference.FullName)) continue;
            try
            {
                var loaded = context.LoadFromAssemblyName(reference);
                // The plugin's own dependencies are checked in turn; the engine's and the framework's are whole.
                if (System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(loaded) == context) CheckReferences(loaded, context, seen, missing);
            }
            catch (FileNotFoundException)
            {
                missing.Add($"'{reference.Name}' (version {reference.Version})");
            }
            catch (Exception e) when (e is FileLoadException or BadImageFormatException)
            {
                missing.Add($"'{reference.Name}' (version {reference.Version}; {e.Message})");
            }
        }
    }

    /// <summary>
    /// Reads the file's metadata: false with the reason when it is not a .NET assembly; otherwise the version of
    /// Hft.Core it references (null when none).
    /// </summary>
    internal static bool TryReadCoreReference(string file, out Version? coreVersion, out string? notAssembly)
    {
        coreVersion = null;
        notAssembly = null;
        using var stream = File.OpenRead(file);
        try
        {
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                notAssembly = "not a .NET assembly (it has no .NET metadata: a native library belongs in the folder of the plugin that uses it)";
                return false;
            }
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                notAssembly = "not a .NET assembly (it is a module without an assembly manifest)";
                return false;
            }
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (string.Equals(metadata.GetString(reference.Name), CoreName, StringComparison.OrdinalIgnoreCase))
                    coreVersion = reference.Version;
            }
            return true;
        }
        catch (BadImageFormatException e)
        {
            notAssembly = $"not a .NET assembly ({e.Message})";
            return false;
        }
        catch (InvalidOperationException e)
        {
            notAssembly = $"not a .NET assembly ({e.Message})";
            return false;
        }
    }
}
