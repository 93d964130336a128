namespace Hft.Core.Journal;

/// <summary>How often the journal's writer makes what it wrote durable (group commit).</summary>
public sealed record JournalWriterOptions
{
    /// <summary>Commit (write and fsync) after this many records at most; 1 commits every record.</summary>
    public int CommitEvery { get; init; } = 100;

    /// <summary>Commit records waiting this long at most, however few.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>False writes to the operating system without fsync (durable only against a crash of the process, not of the machine).</summary>
    public bool Fsync { get; init; } = true;
}
