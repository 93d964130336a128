namespace Hft.Engine.Plugins;

/// <summary>What loading a plugins folder gave: the plugins that loaded and the problems of those (or parts) that did not.</summary>
/// <param name="Plugins">Loaded plugins, in file-name order.</param>
/// <param name="Problems">One entry per failure, in the order found.</param>
public sealed record PluginLoadResult(IReadOnlyList<LoadedPlugin> Plugins, IReadOnlyList<PluginLoadProblem> Problems);
