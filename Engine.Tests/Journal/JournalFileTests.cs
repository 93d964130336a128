using Hft.Core.Journal;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Risk;

namespace Hft.Engine.Tests.Journal;

/// <summary>
/// The journal file: what is appended reads back field for field; a record torn by a crash is found by its length or
/// checksum and cut; damage anywhere else stops the reader with the file and the byte; group commit makes everything
/// durable on <see cref="JournalWriter.Flush"/>.
/// </summary>
public sealed class JournalFileTests : Data.TempDirectoryTest
{
    private static Order Order(ulong id, OrderStatus status, string? reason = null)
    {
        var o = new Order(1, id, id % 2 == 0 ? Side.Buy : Side.Sell, 10_000 + (long)id, 0.01, 0.5, TimeInForce.Gtx, OrderType.Limit, 1_000);
        typeof(Order).GetProperty(nameof(Hft.Core.Orders.Order.Status))!.SetValue(o, status);
        typeof(Order).GetProperty(nameof(Hft.Core.Orders.Order.RejectReason))!.SetValue(o, reason);
        return o;
    }

    private string WriteSample(int orders, JournalWriterOptions? options = null)
    {
        string path = PathOf("j.journal");
        using var j = JournalWriter.Open(path, options);
        j.OnSession(1, started: true, "live test.toml on sim");
        for (int i = 1; i <= orders; i++)
        {
            j.OnOrder(Order((ulong)i, OrderStatus.New), 100 + i);
            j.OnFill(new Fill(1, (ulong)i, Side.Buy, 100.25, 0.5, 0.001, true, 5_000 + i, 6_000 + i, 0.5 * i));
        }
        j.OnTradingState(9_000, TradingState.Halted, "kill_switch", "kill file x: by the test");
        Assert.That(j.Flush(TimeSpan.FromSeconds(10)), Is.True);
        return path;
    }

    [Test]
    public void What_is_appended_reads_back_field_for_field()
    {
        string path = WriteSample(3);
        var contents = JournalReader.Read(path);
        Assert.That(contents.TornTailAt, Is.Null);
        Assert.That(contents.ValidLength, Is.EqualTo(new FileInfo(path).Length));
        var e = contents.Entries;
        Assert.That(e, Has.Count.EqualTo(1 + 3 * 2 + 1));
        Assert.That(e[0], Is.EqualTo(new JournalSessionEntry(JournalFormat.HeaderSize, 1, true, "live test.toml on sim")));
        var order = (JournalOrderEntry)e[3];
        Assert.Multiple(() =>
        {
            Assert.That(order.OrderId, Is.EqualTo(2ul));
            Assert.That(order.Side, Is.EqualTo(Side.Buy));
            Assert.That(((JournalOrderEntry)e[1]).Side, Is.EqualTo(Side.Sell), "a sell (negative side) survives the byte");
            Assert.That(order.Status, Is.EqualTo(OrderStatus.New));
            Assert.That(order.TimeInForce, Is.EqualTo(TimeInForce.Gtx));
            Assert.That(order.PriceTick, Is.EqualTo(10_002));
            Assert.That(order.Quantity, Is.EqualTo(0.5));
            Assert.That(order.LocalTime, Is.EqualTo(102));
            var fill = (JournalFillEntry)e[4];
            Assert.That(fill, Is.EqualTo(new JournalFillEntry(fill.Offset, 6_002, 1, 2, Side.Buy, 100.25, 0.5, 0.001, true, 5_002, 1.0)));
            Assert.That(e[^1], Is.EqualTo(new JournalTradingStateEntry(e[^1].Offset, 9_000, TradingState.Halted, "kill_switch", "kill file x: by the test")));
        });
    }

    [Test]
    public void A_record_torn_by_a_crash_is_cut_and_appending_goes_on_after_the_last_intact_one()
    {
        string path = WriteSample(3);
        long full = new FileInfo(path).Length;
        var before = JournalReader.Read(path).Entries;
        long lastStart = before[^1].Offset;
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(full - 5);
        var torn = JournalReader.Read(path);
        Assert.Multiple(() =>
        {
            Assert.That(torn.Entries, Has.Count.EqualTo(before.Count - 1));
            Assert.That(torn.TornTailAt, Is.EqualTo(lastStart));
            Assert.That(torn.ValidLength, Is.EqualTo(lastStart));
            Assert.That(torn.TornTailReason, Does.Contain("needs"));
        });
        using (var j = JournalWriter.Open(path, validLength: torn.ValidLength))
        {
            j.OnSession(10, started: false, "stopped");
            Assert.That(j.Flush(TimeSpan.FromSeconds(10)), Is.True);
        }
        var again = JournalReader.Read(path);
        Assert.That(again.TornTailAt, Is.Null);
        Assert.That(again.Entries, Has.Count.EqualTo(before.Count));
        Assert.That(again.Entries[^1], Is.EqualTo(new JournalSessionEntry(lastStart, 10, false, "stopped")));
    }

    [Test]
    public void A_last_record_with_a_bad_checksum_is_torn_but_one_before_the_end_is_damage_with_the_file_and_byte()
    {
        string path = WriteSample(3);
        var entries = JournalReader.Read(path).Entries;
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.That(JournalReader.Read(path).TornTailAt, Is.EqualTo(entries[^1].Offset), "the last record may have been half written");

        bytes[^1] ^= 0x40;
        long second = entries[2].Offset;
        bytes[second + JournalFormat.RecordPrefixSize + 3] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<JournalCorruptedException>(() => JournalReader.Read(path))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Offset, Is.EqualTo(second));
            Assert.That(e.Message, Does.Contain(path).And.Contain($"byte {second}").And.Contain("checksum"));
        });
    }

    [Test]
    public void A_length_that_cannot_be_is_damage_unless_only_zeros_follow()
    {
        string path = WriteSample(1);
        long end = new FileInfo(path).Length;
        using (var f = new FileStream(path, FileMode.Append)) f.Write(new byte[64]);
        var zeros = JournalReader.Read(path);
        Assert.That(zeros.TornTailAt, Is.EqualTo(end));
        Assert.That(zeros.Entries, Has.Count.EqualTo(4));

        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(end);
        using (var f = new FileStream(path, FileMode.Append)) f.Write([0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var e = Assert.Throws<JournalCorruptedException>(() => JournalReader.Read(path))!;
        Assert.That(e.Offset, Is.EqualTo(end));
    }

    [Test]
    public void An_empty_file_is_said_to_be_empty_and_a_foreign_file_is_refused()
    {
        string empty = PathOf("empty.journal");
        File.WriteAllBytes(empty, []);
        Assert.That(JournalReader.Read(empty).WasEmpty, Is.True);
        using (var j = JournalWriter.Open(empty)) j.OnSession(1, true, "first");
        Assert.That(JournalReader.Read(empty).Entries, Has.Count.EqualTo(1), "a zero-length file gets a header and takes records");

        string foreign = PathOf("notes.txt");
        File.WriteAllText(foreign, "these are not records, just text");
        var e = Assert.Throws<JournalCorruptedException>(() => JournalReader.Read(foreign))!;
        Assert.That(e.Offset, Is.Zero);
        Assert.That(e.Message, Does.Contain("not a journal"));
    }

    [Test]
    public void Group_commit_makes_everything_appended_durable_on_flush()
    {
        string path = PathOf("g.journal");
        using var j = JournalWriter.Open(path, new JournalWriterOptions { CommitEvery = 10, CommitInterval = TimeSpan.FromSeconds(30) });
        for (int i = 0; i < 10; i++) j.OnSession(i, true, "s");
        // 10 waiting records are committed by count, long before the 30 s interval.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (j.Durable < 10 && watch.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(5);
        Assert.That(j.Durable, Is.EqualTo(10));
        // 3 more wait for the interval, but a flush commits them at once.
        for (int i = 0; i < 3; i++) j.OnSession(i, true, "s");
        Thread.Sleep(50);
        Assert.That(j.Durable, Is.EqualTo(10), "fewer than commit_every wait for the interval");
        Assert.That(j.Flush(TimeSpan.FromSeconds(10)), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(j.Appended, Is.EqualTo(13));
            Assert.That(j.Durable, Is.EqualTo(13));
            Assert.That(j.Commits, Is.InRange(2, 13));
            Assert.That(JournalReader.Read(path).Entries, Has.Count.EqualTo(13), "readable by another reader while open");
        });
    }

    [Test]
    public void More_than_the_ring_holds_waits_for_the_writer_and_loses_nothing()
    {
        string path = PathOf("big.journal");
        string reason = new string('x', 900);
        using (var j = JournalWriter.Open(path))
        {
            // About 12 MB of records: three times the writer's ring.
            for (int i = 0; i < 12_000; i++) j.OnOrder(Order((ulong)i, OrderStatus.Rejected, reason), i);
            Assert.That(j.Flush(TimeSpan.FromSeconds(60)), Is.True);
            Assert.That(j.Durable, Is.EqualTo(12_000));
        }
        var orders = JournalReader.Read(path).Entries.Cast<JournalOrderEntry>().ToList();
        Assert.That(orders.Select(o => o.OrderId), Is.EqualTo(Enumerable.Range(0, 12_000).Select(i => (ulong)i)));
        Assert.That(orders[^1].RejectReason, Is.EqualTo(reason));
    }

    [Test]
    public void Appends_from_two_threads_all_land_each_whole()
    {
        string path = PathOf("t.journal");
        using (var j = JournalWriter.Open(path, new JournalWriterOptions { CommitEvery = 50 }))
        {
            Parallel.For(0, 2, t =>
            {
                for (int i = 0; i < 5_000; i++) j.OnFill(new Fill(t, (ulong)i, Side.Sell, 1, 1, 0, false, i, i, -i));
            });
        }
        var fills = JournalReader.Read(path).Entries.Cast<JournalFillEntry>().ToList();
        Assert.That(fills, Has.Count.EqualTo(10_000));
        for (int t = 0; t < 2; t++)
            Assert.That(fills.Where(f => f.Instrument == t).Select(f => f.OrderId), Is.EqualTo(Enumerable.Range(0, 5_000).Select(i => (ulong)i)), "each thread's records in its order");
    }
}
