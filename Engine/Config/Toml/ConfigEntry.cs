namespace Hft.Engine.Config.Toml;

/// <summary>One key of a <see cref="ConfigTable"/>: its name, where the key is written, and its value.</summary>
/// <param name="Key">The key within its table (one segment of a dotted key).</param>
/// <param name="KeyPosition">Where the key is written (for a table made by a header, the header).</param>
/// <param name="Value">The value.</param>
public sealed record ConfigEntry(string Key, SourcePosition KeyPosition, ConfigValue Value);
