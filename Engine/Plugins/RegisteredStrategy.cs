using Hft.Core.Strategies;

namespace Hft.Engine.Plugins;

/// <summary>A strategy the engine can run by name.</summary>
/// <param name="Descriptor">Its name, parameters and factory.</param>
/// <param name="Source"><c>built-in</c>, or the plugin file it comes from.</param>
/// <param name="Plugin">The plugin, or null for a built-in.</param>
public sealed record RegisteredStrategy(StrategyDescriptor Descriptor, string Source, LoadedPlugin? Plugin)
{
    /// <summary>The strategy's name.</summary>
    public string Name => Descriptor.Name;

    /// <summary>True for the engine's own strategies.</summary>
    public bool IsBuiltIn => Plugin is null;
}
