namespace Hft.Core.Journal;

/// <summary>A journal that cannot be trusted past some byte: not a torn last record, which is cut, but damage before the end.</summary>
public sealed class JournalCorruptedException : Exception
{
    /// <summary>A journal damaged at <paramref name="offset"/> of <paramref name="path"/>.</summary>
    public JournalCorruptedException(string path, long offset, string problem)
        : base($"{path}: journal damaged at byte {offset}: {problem}")
    {
        Path = path;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Where the damage starts.</summary>
    public long Offset { get; }

    /// <summary>What is wrong there.</summary>
    public string Problem { get; }
}
