namespace Hft.Engine.Config;

/// <summary>The live session's journal (<c>[journal]</c>): where every order change, fill and trading-state change is appended.</summary>
public sealed record JournalSettings
{
    /// <summary>Write the journal in <c>live</c> (<c>enabled</c>); default true. Paper and record sessions never write one.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The file (<c>path</c>, relative to the config's folder); default the config's name with <c>.journal</c>, beside it.
    /// Null only for settings not read from a file.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>Commit (fsync) after this many records at most (<c>commit_every</c>); default 100.</summary>
    public int CommitEvery { get; init; } = 100;

    /// <summary>Commit waiting records after this many milliseconds at most (<c>commit_ms</c>); default 10.</summary>
    public double CommitMs { get; init; } = 10;

    /// <summary>fsync each commit (<c>fsync</c>); default true. False survives a crash of the process but not of the machine.</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>
    /// A damaged journal (not just a torn last record) is set aside and a new one started, the venue's orders and
    /// positions being the truth (<c>rebuild_from_venue</c>); default false: <c>live</c> stops and names the file and byte.
    /// </summary>
    public bool RebuildFromVenue { get; init; }
}
