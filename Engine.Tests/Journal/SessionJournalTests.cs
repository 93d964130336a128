using Hft.Core.Journal;
using Hft.Engine.Config;
using Hft.Engine.Live;

namespace Hft.Engine.Tests.Journal;

/// <summary>How a live session opens its journal: a torn record is cut, damage is set aside only when the config says so.</summary>
public sealed class SessionJournalTests : Data.TempDirectoryTest
{
    private string Earlier(int records)
    {
        string path = PathOf("s.journal");
        using var j = JournalWriter.Open(path);
        for (int i = 0; i < records; i++) j.OnSession(i, true, "earlier " + i);
        return path;
    }

    [Test]
    public void A_torn_last_record_is_cut_and_the_session_appends_after_the_intact_ones()
    {
        string path = Earlier(3);
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(f.Length - 3);
        using (var s = SessionJournal.Open(new JournalSettings { Path = path }, "now", Serilog.Core.Logger.None))
        {
            Assert.That(s.Earlier!.TornTailAt, Is.Not.Null);
            Assert.That(s.Stop(), Is.True);
        }
        var entries = JournalReader.Read(path).Entries.Cast<JournalSessionEntry>().Select(e => e.Description).ToArray();
        Assert.That(entries, Is.EqualTo(new[] { "earlier 0", "earlier 1", "now", "stopped" }));
    }

    [Test]
    public void Damage_is_refused_unless_the_config_rebuilds_from_the_venue_and_then_the_file_is_set_aside()
    {
        string path = Earlier(3);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[JournalFormat.HeaderSize + 12] ^= 1;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ArgumentException>(() => SessionJournal.Open(new JournalSettings { Path = path }, "now", Serilog.Core.Logger.None))!;
        Assert.That(e.Message, Does.Contain($"byte {JournalFormat.HeaderSize}"));

        using (var s = SessionJournal.Open(new JournalSettings { Path = path, RebuildFromVenue = true }, "now", Serilog.Core.Logger.None)) s.Stop();
        var aside = Directory.GetFiles(Dir, "s.journal.damaged-*").Single();
        Assert.That(File.ReadAllBytes(aside), Is.EqualTo(bytes), "the damaged journal is kept as it was");
        Assert.That(JournalReader.Read(path).Entries, Has.Count.EqualTo(2), "a new journal: this session's start and stop");
    }
}
