namespace Hft.Engine.Config.Toml;

/// <summary>A place in a configuration file: 1-based line and column, columns counted in Unicode code points.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The start of the file, where problems about the whole document go.</summary>
    public static SourcePosition Start => new(1, 1);

    // Tomlyn counts lines and columns from 0.
    internal static SourcePosition From(Tomlyn.Syntax.TextPosition position) => new(position.Line + 1, position.Column + 1);
}
