using System.Globalization;

namespace Hft.Core.Toml;

/// <summary>
/// A place in a TOML document: 1-based line and column. Columns count Unicode code points,
/// so a character outside the Basic Multilingual Plane is one column, as an editor shows it.
/// </summary>
/// <param name="Line">1-based line number; 0 when the position is unknown.</param>
/// <param name="Column">1-based column number; 0 when the position is unknown.</param>
public readonly record struct TomlPosition(int Line, int Column)
{
    /// <summary>True when this position came from parsed text (values built in code have no position).</summary>
    public bool IsKnown => Line > 0;

    /// <summary>Formats as <c>line:column</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}");
}
