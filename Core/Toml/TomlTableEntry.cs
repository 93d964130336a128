namespace Hft.Core.Toml;

/// <summary>One key of a <see cref="TomlTable"/> with its value and where the key was written.</summary>
/// <param name="Key">The key (one segment: a dotted key <c>a.b</c> makes a table <c>a</c> holding <c>b</c>).</param>
/// <param name="Value">The value.</param>
/// <param name="KeyPosition">Where the key segment appears in the source; <c>default</c> for entries added in code.</param>
public readonly record struct TomlTableEntry(string Key, TomlValue Value, TomlPosition KeyPosition);
