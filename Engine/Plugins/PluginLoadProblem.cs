namespace Hft.Engine.Plugins;

/// <summary>Why a plugin, or one strategy of it, was not loaded: printed as <c>file: message</c>.</summary>
/// <param name="File">The plugin file (or folder) as the user would find it: the plugins folder as given plus the file's name.</param>
/// <param name="Message">The cause, in words.</param>
public sealed record PluginLoadProblem(string File, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Message}";
}
