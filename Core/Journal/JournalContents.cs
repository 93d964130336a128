namespace Hft.Core.Journal;

/// <summary>What a journal holds, read back whole.</summary>
public sealed record JournalContents
{
    /// <summary>The journal file.</summary>
    public required string Path { get; init; }

    /// <summary>The records, in the order written.</summary>
    public required IReadOnlyList<JournalEntry> Entries { get; init; }

    /// <summary>Bytes up to the end of the last intact record (where appending resumes).</summary>
    public long ValidLength { get; init; }

    /// <summary>True if the file had no bytes at all (not even the header).</summary>
    public bool WasEmpty { get; init; }

    /// <summary>Where a record cut short by a crash started (it was not read; appending cuts it), or null.</summary>
    public long? TornTailAt { get; init; }

    /// <summary>Why that last record was taken as torn.</summary>
    public string? TornTailReason { get; init; }
}
