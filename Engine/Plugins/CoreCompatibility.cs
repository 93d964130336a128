namespace Hft.Engine.Plugins;

/// <summary>
/// Whether a plugin built against one Hft.Core version can run on the engine's. Semantic versioning on the assembly
/// version: the major versions must be equal (before 1.0, the minor versions too, since every 0.x release may
/// break the API), and the plugin must not need a newer minor version than the engine has (it could call API the
/// engine's Core lacks). Patch and build numbers do not matter.
/// </summary>
internal static class CoreCompatibility
{
    /// <summary>Null when compatible, otherwise the reason.</summary>
    public static string? Check(Version plugin, Version host)
    {
        bool compatible = plugin.Major == host.Major && (host.Major == 0 ? plugin.Minor == host.Minor : plugin.Minor <= host.Minor);
        if (compatible) return null;
        string needed = host.Major == 0 ? $"{host.Major}.{host.Minor}" : $"{host.Major}.x (at most {host.Major}.{host.Minor})";
        return $"built against Hft.Core {Format(plugin)}, but the engine's Hft.Core is {Format(host)}; rebuild the plugin against Hft.Core {needed}";
    }

    private static string Format(Version v) => $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
}
