namespace Hft.Backtest.Conversion;

/// <summary>
/// A line of a raw collector file cannot be converted. The message is one line,
/// <c>file:line: what is wrong</c>, so it can be shown to a user as is.
/// </summary>
/// <remarks>
/// Derives from <see cref="FormatException"/> because the input, not the program, is at fault: command-line front
/// ends report it as a user error.
/// </remarks>
public sealed class CollectorFormatException : FormatException
{
    /// <summary>Creates the exception for line <paramref name="line"/> of <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file as the caller named it.</param>
    /// <param name="line">1-based line number; 0 when the problem is not tied to a line (e.g. corrupt gzip data).</param>
    /// <param name="problem">What is wrong, without the location (it is prefixed).</param>
    /// <param name="inner">The exception that revealed the problem, if any.</param>
    public CollectorFormatException(string filePath, long line, string problem, Exception? inner = null)
        : base(line > 0 ? $"{filePath}:{line}: {problem}" : $"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number, or 0 when the problem is not tied to one line.</summary>
    public long Line { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Problem { get; }
}
