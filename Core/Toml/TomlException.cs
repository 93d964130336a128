using System.Globalization;

namespace Hft.Core.Toml;

/// <summary>
/// A TOML document could not be parsed. <see cref="Exception.Message"/> reads
/// <c>file:line:col: reason</c>, the form compilers use, so editors and terminals can link to the spot.
/// </summary>
public sealed class TomlException : Exception
{
    /// <summary>Creates an error for <paramref name="fileName"/> at a 1-based line and column.</summary>
    public TomlException(string fileName, int line, int column, string reason)
        : base(string.Create(CultureInfo.InvariantCulture, $"{fileName}:{line}:{column}: {reason}"))
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file name given to the parser (or <c>&lt;input&gt;</c>).</summary>
    public string FileName { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem, counted in Unicode code points.</summary>
    public int Column { get; }

    /// <summary>The explanation alone, without the <c>file:line:col:</c> prefix.</summary>
    public string Reason { get; }

    /// <summary>Line and column together.</summary>
    public TomlPosition Position => new(Line, Column);
}
