namespace Hft.Backtest.Conversion;

/// <summary>Something the conversion skipped: a venue error line, or a malformed line when skipping is allowed.</summary>
/// <param name="File">The input file, as given.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Problem">What the line was or what is wrong with it.</param>
public sealed record ConversionWarning(string File, long Line, string Problem)
{
    /// <summary><c>file:line: problem</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Problem}";
}
