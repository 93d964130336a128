using System.Globalization;

namespace Hft.Engine.Config;

/// <summary>One thing wrong with a configuration file, and where.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Line">1-based line; 0 when the problem has no place in the file (it could not be read).</param>
/// <param name="Column">1-based column, counted in Unicode code points as the TOML parser counts them.</param>
/// <param name="Message">What is wrong, starting with the key path it concerns.</param>
public sealed record ConfigProblem(string File, int Line, int Column, string Message)
{
    /// <summary>
    /// <c>file:line:col: message</c>, the form compilers use, so terminals and editors can jump to the spot.
    /// </summary>
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}")
        : $"{File}: {Message}";
}
