using Hft.Backtest.Data;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Data;

public sealed class EventChunkStreamTests : TempDirectoryTest
{
    private static List<MarketEvent> Drain(EventChunkStream stream, List<EventChunk>? seen = null, List<(int File, long Row, int Count)>? shape = null)
    {
        var all = new List<MarketEvent>();
        while (stream.TryTakeNext(out var chunk))
        {
            Assert.That(chunk.Count, Is.GreaterThan(0));
            all.AddRange(chunk.Span.ToArray());
            seen?.Add(chunk);
            shape?.Add((chunk.FileIndex, chunk.FileRow, chunk.Count));
            stream.Return(chunk);
        }
        return all;
    }

    [Test]
    public void Files_replay_in_order_as_one_feed()
    {
        var a = DataFiles.Rows(1000, salt: 1);
        var b = DataFiles.Rows(2500, salt: 2);
        var c = DataFiles.Rows(0);
        var d = DataFiles.Rows(777, salt: 4);
        EventFileWriter.WriteAll(PathOf("a.npz"), a, compress: true);
        EventFileWriter.WriteAll(PathOf("b.npz"), b, compress: false);
        EventFileWriter.WriteAll(PathOf("c.npz"), c, compress: true);
        EventFileWriter.WriteAll(PathOf("d.npy"), d);

        using var stream = new EventChunkStream([PathOf("a.npz"), PathOf("b.npz"), PathOf("c.npz"), PathOf("d.npy")], chunkRows: 300, chunksAhead: 2);
        Assert.That(stream.TotalRows, Is.EqualTo(1000 + 2500 + 777));
        var shape = new List<(int File, long Row, int Count)>();
        var all = Drain(stream, shape: shape);

        Assert.That(all, Is.EqualTo(a.Concat(b).Concat(c).Concat(d).ToList()));
        Assert.That(stream.RowsRead, Is.EqualTo(stream.TotalRows));
        Assert.That(stream.TryTakeNext(out _), Is.False, "stays at the end");

        // Chunks never span files: each file is cut into full chunks and one remainder.
        var expected = new List<(int, long, int)>();
        int[] sizes = [1000, 2500, 0, 777];
        for (int f = 0; f < sizes.Length; f++)
            for (int r = 0; r < sizes[f]; r += 300)
                expected.Add((f, r, Math.Min(300, sizes[f] - r)));
        Assert.That(shape, Is.EqualTo(expected));
    }

    [Test]
    public void Chunk_size_not_dividing_the_file()
    {
        var rows = DataFiles.Rows(1000);
        EventFileWriter.WriteAll(PathOf("x.npz"), rows);
        using var stream = new EventChunkStream([PathOf("x.npz")], chunkRows: 64);
        var shape = new List<(int File, long Row, int Count)>();
        Assert.That(Drain(stream, shape: shape), Is.EqualTo(rows));
        Assert.That(shape.Select(s => s.Count), Is.EqualTo(Enumerable.Repeat(64, 15).Append(40)));
    }

    [Test]
    public void Buffers_are_reused_and_bounded()
    {
        EventFileWriter.WriteAll(PathOf("x.npz"), DataFiles.Rows(20_000));
        using var stream = new EventChunkStream([PathOf("x.npz")], chunkRows: 100, chunksAhead: 3);
        var seen = new List<EventChunk>();
        Drain(stream, seen);
        Assert.That(seen, Has.Count.EqualTo(200));
        Assert.That(seen.Select(c => c.Rows).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.InRange(1, 4));
    }

    [Test]
    public void Steady_state_allocates_nothing_per_chunk()
    {
        EventFileWriter.WriteAll(PathOf("x.npz"), DataFiles.Rows(100_000));
        // Whole-process count, so the background thread is included; 380 chunks of 16 KiB would show up clearly.
        // Other runtime activity can land in a whole-process count too (a method compiled to a higher tier, the
        // thread pool), so the least of three passes is what the stream itself allocates.
        long least = long.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            using var stream = new EventChunkStream([PathOf("x.npz")], chunkRows: 256, chunksAhead: 2);
            // Let the pool fill (buffers are created lazily) and the inflater set up.
            for (int i = 0; i < 10; i++)
            {
                Assert.That(stream.TryTakeNext(out var warm), Is.True);
                stream.Return(warm);
            }
            long before = GC.GetTotalAllocatedBytes(precise: true);
            int chunks = 0;
            while (stream.TryTakeNext(out var chunk))
            {
                chunks++;
                stream.Return(chunk);
            }
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
            Assert.That(chunks, Is.EqualTo(100_000 / 256 + 1 - 10));
        }
        Assert.That(least, Is.LessThan(16 * 1024), "nothing per chunk (a little slack for the runtime itself)");
    }

    [Test]
    public void A_bad_file_fails_before_the_run_starts()
    {
        EventFileWriter.WriteAll(PathOf("good.npz"), DataFiles.Rows(10));
        File.WriteAllBytes(PathOf("empty.npz"), []);
        var e = Assert.Throws<EventFileException>(() => new EventChunkStream([PathOf("good.npz"), PathOf("empty.npz")]))!;
        Assert.That(e.Message, Is.EqualTo($"{PathOf("empty.npz")}: file is empty"));
    }

    [Test]
    public void A_failure_on_the_background_thread_reaches_the_consumer_after_the_rows_before_it()
    {
        var first = DataFiles.Rows(1000, salt: 1);
        EventFileWriter.WriteAll(PathOf("1.npz"), first);
        var second = DataFiles.Rows(5000, salt: 2);
        byte[] npy = DataFiles.Npy(DataFiles.Header(shape: "(5000,)"), DataFiles.Bytes(second));
        byte[] deflated = DataFiles.Deflate(npy);
        string bad = PathOf("2.npz");
        File.WriteAllBytes(bad, DataFiles.RawZip("data.npy", true, deflated[..(deflated.Length / 2)], Hft.Backtest.Data.Crc32.Compute(npy), npy.Length));

        using var stream = new EventChunkStream([PathOf("1.npz"), bad], chunkRows: 100);
        Assert.That(stream.TotalRows, Is.EqualTo(6000), "the headers are fine");
        var got = new List<MarketEvent>();
        EventFileException? error = null;
        try
        {
            while (stream.TryTakeNext(out var chunk))
            {
                got.AddRange(chunk.Span.ToArray());
                stream.Return(chunk);
            }
        }
        catch (EventFileException e)
        {
            error = e;
        }
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.FilePath, Is.EqualTo(bad));
        Assert.That(error.Message, Does.StartWith($"{bad}: truncated: header says 5000 rows, data holds "));
        Assert.That(got, Has.Count.InRange(1000, 4999));
        Assert.That(got, Is.EqualTo(first.Concat(second.Take(got.Count - 1000)).ToList()), "every row before the failure, in order");

        var again = Assert.Throws<EventFileException>(() => stream.TryTakeNext(out _));
        Assert.That(again, Is.SameAs(error), "the same exception object every time");
    }

    [Test]
    public void Dispose_mid_stream_stops_the_reader_and_closes_the_files()
    {
        EventFileWriter.WriteAll(PathOf("big.npz"), DataFiles.Rows(200_000));
        var stream = new EventChunkStream([PathOf("big.npz")], chunkRows: 1000, chunksAhead: 2);
        Assert.That(stream.TryTakeNext(out var held), Is.True);
        Assert.That(stream.TryTakeNext(out _), Is.True);
        Assert.That(LockedByReader(PathOf("big.npz")), Is.True, "open while streaming");

        stream.Dispose();
        Assert.That(LockedByReader(PathOf("big.npz")), Is.False, "closed after Dispose");
        Assert.That(stream.RowsRead, Is.EqualTo(2000));
        Assert.That(() => stream.TryTakeNext(out _), Throws.InstanceOf<ObjectDisposedException>());
        stream.Return(held); // allowed after Dispose
        stream.Dispose();    // idempotent
    }

    [Test]
    public void Dispose_before_taking_anything_closes_every_file()
    {
        EventFileWriter.WriteAll(PathOf("a.npz"), DataFiles.Rows(50_000));
        EventFileWriter.WriteAll(PathOf("b.npz"), DataFiles.Rows(10));
        new EventChunkStream([PathOf("a.npz"), PathOf("b.npz")], chunkRows: 100, chunksAhead: 1).Dispose();
        Assert.That(LockedByReader(PathOf("a.npz")), Is.False);
        Assert.That(LockedByReader(PathOf("b.npz")), Is.False);
    }

    [Test]
    public void Holding_every_buffer_is_reported_instead_of_hanging()
    {
        EventFileWriter.WriteAll(PathOf("x.npz"), DataFiles.Rows(1000));
        using var stream = new EventChunkStream([PathOf("x.npz")], chunkRows: 10, chunksAhead: 1);
        Assert.That(stream.TryTakeNext(out var one), Is.True);
        Assert.That(stream.TryTakeNext(out _), Is.True);
        Assert.That(() => stream.TryTakeNext(out _), Throws.InvalidOperationException);
        stream.Return(one);
        Assert.That(stream.TryTakeNext(out _), Is.True);
    }

    [Test]
    public void Returning_a_chunk_twice_or_to_another_stream_is_refused()
    {
        EventFileWriter.WriteAll(PathOf("x.npz"), DataFiles.Rows(100));
        using var s1 = new EventChunkStream([PathOf("x.npz")], chunkRows: 10);
        using var s2 = new EventChunkStream([PathOf("x.npz")], chunkRows: 10);
        Assert.That(s1.TryTakeNext(out var chunk), Is.True);
        Assert.That(() => s2.Return(chunk), Throws.ArgumentException);
        s1.Return(chunk);
        Assert.That(() => s1.Return(chunk), Throws.ArgumentException);
    }

    [Test]
    public void No_files_is_an_empty_feed()
    {
        using var stream = new EventChunkStream([]);
        Assert.That(stream.TotalRows, Is.Zero);
        Assert.That(stream.TryTakeNext(out _), Is.False);
    }

    /// <summary>
    /// True while some handle with read sharing is open on the file: .NET takes an advisory lock per handle (also on
    /// Unix), so an exclusive open fails exactly then.
    /// </summary>
    private static bool LockedByReader(string path)
    {
        try
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
