using System.Globalization;
using Hft.Core.Journal;
using Hft.Engine.Config;

namespace Hft.Engine.Live;

/// <summary>
/// A live session's journal: the file checked before the session starts (a torn last record is cut and said so;
/// damage stops <c>live</c>, naming the file and byte, unless the config says to set it aside and rebuild from the
/// venue), then appended to by the session, with a record of the session's start and stop.
/// </summary>
internal sealed class SessionJournal : IDisposable
{
    private SessionJournal(JournalWriter writer, JournalContents? earlier)
    {
        Writer = writer;
        Earlier = earlier;
    }

    /// <summary>The writer the session's actors append to.</summary>
    public JournalWriter Writer { get; }

    /// <summary>What earlier sessions left in the file (null: there was no file).</summary>
    public JournalContents? Earlier { get; }

    private static long NowNanos => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>Checks and opens the journal of <paramref name="settings"/>; <paramref name="description"/> goes into its start record.</summary>
    public static SessionJournal Open(JournalSettings settings, string description, Serilog.ILogger log)
    {
        string path = settings.Path ?? throw new ArgumentException("[journal] has no path");
        JournalContents? earlier = null;
        if (File.Exists(path))
        {
            try
            {
                earlier = JournalReader.Read(path);
            }
            catch (JournalCorruptedException e)
            {
                if (!settings.RebuildFromVenue)
                    throw new ArgumentException(e.Message + "; live does not trade on a journal it cannot read: keep the file for inspection, or set " +
                                                "[journal] rebuild_from_venue = true to set it aside and start from the venue's orders and positions", e);
                string aside = path + ".damaged-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                File.Move(path, aside);
                log.Warning("Journal {Path} is damaged at byte {Offset} ({Problem}); set aside as {Aside}; starting a new one from the venue's state",
                    path, e.Offset, e.Problem, aside);
            }
        }
        if (earlier is { } c)
        {
            int orders = c.Entries.Count(x => x is JournalOrderEntry), fills = c.Entries.Count(x => x is JournalFillEntry);
            int sessions = c.Entries.Count(x => x is JournalSessionEntry { Started: true });
            log.Information("Journal {Path}: {Records} records of {Sessions} earlier sessions ({Orders} order changes, {Fills} fills)",
                path, c.Entries.Count, sessions, orders, fills);
            if (c.TornTailAt is { } torn) log.Warning("Journal {Path}: the last record, at byte {Offset}, was torn by a crash ({Why}); it is cut", path, torn, c.TornTailReason);
            if (c.WasEmpty) log.Warning("Journal {Path} exists but is empty (0 bytes): it is started again", path);
            // A header cut short is no journal yet: begin the file again.
            if (!c.WasEmpty && c.ValidLength < JournalFormat.HeaderSize)
            {
                using var f = new FileStream(path, FileMode.Open);
                f.SetLength(0);
            }
        }
        long? valid = earlier is { WasEmpty: false, ValidLength: >= JournalFormat.HeaderSize } e2 ? e2.ValidLength : null;
        var writer = JournalWriter.Open(path, new JournalWriterOptions
        {
            CommitEvery = settings.CommitEvery, CommitInterval = TimeSpan.FromMilliseconds(settings.CommitMs), Fsync = settings.Fsync,
        }, valid);
        writer.OnSession(NowNanos, started: true, description);
        return new SessionJournal(writer, earlier);
    }

    /// <summary>Appends the stop record and waits until everything is durable; false if that did not happen in time.</summary>
    public bool Stop()
    {
        Writer.OnSession(NowNanos, started: false, "stopped");
        return Writer.Flush(TimeSpan.FromSeconds(10));
    }

    /// <inheritdoc />
    public void Dispose() => Writer.Dispose();
}
