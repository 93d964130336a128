using System.IO.Compression;
using System.Text;
using Hft.Backtest.Data;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Data;

public sealed class EventFileRoundTripTests : TempDirectoryTest
{
    [TestCase("rows.npz", true, true)]
    [TestCase("rows.npz", false, false)]
    [TestCase("rows.npy", true, false)] // compress is ignored for a bare .npy
    public void Written_rows_read_back_identically(string name, bool compress, bool expectCompressed)
    {
        var rows = DataFiles.Rows(10_007);
        string path = PathOf(name);
        EventFileWriter.WriteAll(path, rows, compress);

        using var reader = EventFileReader.Open(path);
        Assert.That(reader.Count, Is.EqualTo(rows.Length));
        Assert.That(reader.IsCompressed, Is.EqualTo(expectCompressed));
        Assert.That(reader.Path, Is.EqualTo(path));
        Assert.That(reader.Warnings, Is.Empty);

        // Odd buffer sizes, so reads end mid-way through deflate blocks.
        var back = new MarketEvent[rows.Length];
        int filled = 0, n;
        var buffer = new MarketEvent[333];
        while ((n = reader.Read(buffer)) > 0)
        {
            buffer.AsSpan(0, n).CopyTo(back.AsSpan(filled));
            filled += n;
        }
        Assert.That(filled, Is.EqualTo(rows.Length));
        Assert.That(back, Is.EqualTo(rows));
        Assert.That(reader.Read(buffer), Is.Zero, "stays at the end");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Zero_rows_round_trip(bool compress)
    {
        string path = PathOf("empty.npz");
        EventFileWriter.WriteAll(path, ReadOnlySpan<MarketEvent>.Empty, compress);
        using var reader = EventFileReader.Open(path);
        Assert.That(reader.Count, Is.Zero);
        Assert.That(reader.Read(new MarketEvent[4]), Is.Zero);
    }

    [Test]
    public void Npz_entry_is_data_npy_and_stored_or_deflated_as_asked()
    {
        EventFileWriter.WriteAll(PathOf("c.npz"), DataFiles.Rows(100), compress: true);
        EventFileWriter.WriteAll(PathOf("s.npz"), DataFiles.Rows(100), compress: false);
        using var c = ZipFile.OpenRead(PathOf("c.npz"));
        using var s = ZipFile.OpenRead(PathOf("s.npz"));
        Assert.Multiple(() =>
        {
            Assert.That(c.Entries.Select(e => e.FullName), Is.EqualTo(new[] { "data.npy" }));
            Assert.That(s.Entries.Select(e => e.FullName), Is.EqualTo(new[] { "data.npy" }));
            Assert.That(c.Entries[0].CompressedLength, Is.LessThan(c.Entries[0].Length));
            Assert.That(s.Entries[0].CompressedLength, Is.EqualTo(s.Entries[0].Length));
            Assert.That(s.Entries[0].Length, Is.EqualTo(256 + 100 * 64));
        });
    }

    [Test]
    public void Header_bytes_are_exactly_numpys()
    {
        string path = PathOf("h.npy");
        var rows = DataFiles.Rows(1000);
        EventFileWriter.WriteAll(path, rows);
        byte[] bytes = File.ReadAllBytes(path);

        // What numpy.lib.format.write_array_header_1_0 produces for this dtype and shape (1000,):
        // sorted keys, ", " after each value, 21 - len("1000") growth spaces, then padding and '\n' to byte 256.
        string dict = "{'descr': " + DataFiles.EventDescr + ", 'fortran_order': False, 'shape': (1000,), }";
        string expectedText = dict + new string(' ', 17) + new string(' ', 31) + "\n";
        Assert.Multiple(() =>
        {
            Assert.That(bytes[..6], Is.EqualTo(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }));
            Assert.That(bytes[6], Is.EqualTo(1), "major version");
            Assert.That(bytes[7], Is.EqualTo(0), "minor version");
            Assert.That(BitConverter.ToUInt16(bytes, 8), Is.EqualTo(246), "HEADER_LEN");
            Assert.That(Encoding.ASCII.GetString(bytes, 10, 246), Is.EqualTo(expectedText));
            Assert.That(expectedText, Has.Length.EqualTo(246), "10 + 246 = 256");
            Assert.That(bytes.Length, Is.EqualTo(256 + 1000 * 64), "data starts at byte 256");
            Assert.That(bytes.AsSpan(256).SequenceEqual(DataFiles.Bytes(rows)), Is.True);
        });
    }

    [Test]
    public void Header_inside_npz_is_the_same_as_in_npy()
    {
        EventFileWriter.WriteAll(PathOf("a.npy"), DataFiles.Rows(5));
        EventFileWriter.WriteAll(PathOf("a.npz"), DataFiles.Rows(5), compress: true);
        using var zip = ZipFile.OpenRead(PathOf("a.npz"));
        using var entry = zip.GetEntry("data.npy")!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(File.ReadAllBytes(PathOf("a.npy"))));
    }

    [Test]
    public void Same_rows_give_byte_identical_files()
    {
        var rows = DataFiles.Rows(2000);
        EventFileWriter.WriteAll(PathOf("1.npz"), rows);
        EventFileWriter.WriteAll(PathOf("2.npz"), rows);
        Assert.That(File.ReadAllBytes(PathOf("1.npz")), Is.EqualTo(File.ReadAllBytes(PathOf("2.npz"))));
    }

    [Test]
    public void Streaming_writer_in_pieces_equals_write_all()
    {
        var rows = DataFiles.Rows(5000);
        EventFileWriter.WriteAll(PathOf("whole.npz"), rows);
        using (var writer = new EventFileWriter(PathOf("pieces.npz"), rows.Length, compress: true))
        {
            for (int i = 0; i < rows.Length; i += 777)
                writer.Write(rows.AsSpan(i, Math.Min(777, rows.Length - i)));
            Assert.That(writer.Written, Is.EqualTo(rows.Length));
        }
        Assert.That(File.ReadAllBytes(PathOf("pieces.npz")), Is.EqualTo(File.ReadAllBytes(PathOf("whole.npz"))));
    }

    [Test]
    public void Writer_refuses_more_rows_than_announced()
    {
        using var writer = new EventFileWriter(PathOf("x.npz"), 3);
        writer.Write(DataFiles.Rows(2));
        Assert.That(() => writer.Write(DataFiles.Rows(2)), Throws.InvalidOperationException);
        writer.Write(DataFiles.Rows(1));
    }

    [Test]
    public void Writer_dispose_with_missing_rows_throws_and_deletes_the_file()
    {
        string path = PathOf("short.npz");
        var writer = new EventFileWriter(path, 10);
        writer.Write(DataFiles.Rows(4));
        var e = Assert.Throws<EventFileException>(writer.Dispose)!;
        Assert.That(e.Message, Is.EqualTo($"{path}: incomplete: 10 rows announced, 4 written (file deleted)"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void Writer_into_missing_directory_fails_with_file_error()
    {
        string path = PathOf("nope/x.npz");
        var e = Assert.Throws<EventFileException>(() => EventFileWriter.WriteAll(path, DataFiles.Rows(1)))!;
        Assert.That(e.Message, Is.EqualTo($"{path}: no such directory"));
        Assert.That(e.FilePath, Is.EqualTo(path));
    }

    [Test]
    public void Read_all_returns_every_row()
    {
        var rows = DataFiles.Rows(300);
        EventFileWriter.WriteAll(PathOf("all.npz"), rows);
        Assert.That(EventFileReader.ReadAll(PathOf("all.npz")), Is.EqualTo(rows));
    }

    // Made by Python's zipfile exactly the way numpy.savez / savez_compressed call it (allowZip64, and
    // zf.open('data.npy', 'w', force_zip64=True), which puts a ZIP64 extra field in the local header), with the NPY
    // header built by numpy's algorithm. numpy itself is not installed where this was written; the generator script
    // is Engine.Tests/Data/make_numpy_like_npz.py.
    private const string NumpyLikeCompressed =
        "UEsDBC0AAAAIAAAAIQDnI+rw//////////8IABQAZGF0YS5ucHkBABAAwAEAAAAAAADRAAAAAAAAAJvsF+obEMnI8I2hWj0ltTi5SN1KIVpDPbVMXUdB3abUQl1TRwHIrUjOiC8pBotlQsVy8pMTc9AFCyrA3DQot7CkEoWfX5SSWhSfmYJieGZZYg6KIWkwAZC2WCAjLb+opCgxLx6sHehAt8Sc4lSgeHFGYkEqkK9hrAPUWKtAOuBiZGB4wAAGng8PT38p3tCSDqaNgYDZ560DRO6BPQMOwMTAMAGsYrIvWF+iRA6YTgMCNqD+X3VZe0omZ9izQ9X//Q8BEN4Xe6D9F/Dpx2UvDAAAUEsBAi0DLQAAAAgAAAAhAOcj6vDRAAAAwAEAAAgAAAAAAAAAAAAAAIABAAAAAGRhdGEubnB5UEsFBgAAAAABAAEANgAAAAsBAAAAAA==";

    private const string NumpyLikeStored =
        "UEsDBC0AAAAAAAAAIQDnI+rw//////////8IABQAZGF0YS5ucHkBABAAwAEAAAAAAADAAQAAAAAAAJNOVU1QWQEA9gB7J2Rlc2NyJzogWygnZXYnLCAnPHU4JyksICgnZXhjaF90cycsICc8aTgnKSwgKCdsb2NhbF90cycsICc8aTgnKSwgKCdweCcsICc8ZjgnKSwgKCdxdHknLCAnPGY4JyksICgnb3JkZXJfaWQnLCAnPHU4JyksICgnaXZhbCcsICc8aTgnKSwgKCdmdmFsJywgJzxmOCcpXSwgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAADgAAAAAAAASeHDl+kXgIRn4cOX6RczMzMzA0ztQAAAAAAAAOA/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAkAAAAADgk03hw5fpF2EYbOHDl+kXZmZmZgZM7UD6fmq8dJNoPwcAAAAAAAAA/f////////8AAAAAAAD0PwEAANAAAAAA4JNN4cOX6RdhGGzhw5fpF2ZmZmYGTO1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABQSwECLQMtAAAAAAAAACEA5yPq8MABAADAAQAACAAAAAAAAAAAAAAAgAEAAAAAZGF0YS5ucHlQSwUGAAAAAAEAAQA2AAAA+gEAAAAA";

    [TestCase(NumpyLikeCompressed, true)]
    [TestCase(NumpyLikeStored, false)]
    public void Reads_files_made_the_way_numpy_savez_makes_them(string base64, bool compressed)
    {
        string path = PathOf("numpy.npz");
        File.WriteAllBytes(path, Convert.FromBase64String(base64));
        var expected = new[]
        {
            new MarketEvent(0xE0000001, 1723075200000000000, 1723075200002000000, 60000.1, 0.5),
            new MarketEvent(0x90000002, 1723075200000300000, 1723075200002300001, 60000.2, 0.003, 7, -3, 1.25),
            new MarketEvent(0xD0000001, 1723075200000300000, 1723075200002300001, 60000.2, 0.0),
        };
        using var reader = EventFileReader.Open(path);
        Assert.That(reader.IsCompressed, Is.EqualTo(compressed));
        var rows = new MarketEvent[4];
        Assert.That(reader.Read(rows), Is.EqualTo(3));
        Assert.That(rows[..3], Is.EqualTo(expected));
    }

    [Test]
    public void Header_spelled_differently_but_equivalent_is_accepted()
    {
        // hftbacktest's Rust writer puts "(N, )"; other writers may use double quotes, other key order, no
        // alignment padding. numpy reads all of these, so do we.
        var rows = DataFiles.Rows(3);
        string header = "{\"shape\": (3, ), \"fortran_order\": False, \"descr\": " + DataFiles.EventDescr.Replace('\'', '"') + "}";
        File.WriteAllBytes(PathOf("odd.npy"), DataFiles.Npy(header, DataFiles.Bytes(rows), align: false));
        Assert.That(EventFileReader.ReadAll(PathOf("odd.npy")), Is.EqualTo(rows));
    }

    [Test]
    public void Field_name_mismatch_is_read_by_position_with_a_warning()
    {
        var rows = DataFiles.Rows(3);
        string descr = DataFiles.EventDescr.Replace("'exch_ts'", "'exchange_ts'");
        File.WriteAllBytes(PathOf("names.npy"), DataFiles.Npy(DataFiles.Header(descr: descr), DataFiles.Bytes(rows)));
        using var reader = EventFileReader.Open(PathOf("names.npy"));
        Assert.That(reader.Warnings, Is.EqualTo(new[] { $"{PathOf("names.npy")}: field 1 is named 'exchange_ts', expected 'exch_ts' (read by position)" }));
        var back = new MarketEvent[3];
        Assert.That(reader.Read(back), Is.EqualTo(3));
        Assert.That(back, Is.EqualTo(rows));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Zip64_directory_records_are_followed(bool deflated)
    {
        var rows = DataFiles.Rows(500);
        byte[] npy = DataFiles.Npy(DataFiles.Header(shape: "(500,)"), DataFiles.Bytes(rows));
        byte[] payload = deflated ? DataFiles.Deflate(npy) : npy;
        string path = PathOf("zip64.npz");
        File.WriteAllBytes(path, DataFiles.RawZip("data.npy", deflated, payload, Hft.Backtest.Data.Crc32.Compute(npy), npy.Length, zip64: true));
        using (var check = ZipFile.OpenRead(path))
            Assert.That(check.Entries[0].Length, Is.EqualTo(npy.Length), "the framework agrees the hand-made ZIP64 file is valid");
        Assert.That(EventFileReader.ReadAll(path), Is.EqualTo(rows));
    }

    [TestCase("r.npz", true)]
    [TestCase("r.npz", false)]
    [TestCase("r.npy", false)]
    public void Reading_allocates_nothing_per_call(string name, bool compress)
    {
        EventFileWriter.WriteAll(PathOf(name), DataFiles.Rows(50_000), compress);
        var buffer = new MarketEvent[1000];
        using (var warmUp = EventFileReader.Open(PathOf(name)))
        {
            while (warmUp.Read(buffer) > 0) { } // compile the read path fully before measuring
        }
        int calls = 0;
        var readers = new List<EventFileReader>();
        long allocated = Allocations.Least(() =>
        {
            var reader = EventFileReader.Open(PathOf(name));
            readers.Add(reader);
            reader.Read(buffer); // first call may set up lazily allocated state
            calls = 0;
            return () => { while (reader.Read(buffer) > 0) calls++; };
        });
        readers.ForEach(r => r.Dispose());
        Assert.That(calls, Is.EqualTo(49));
        Assert.That(allocated, Is.LessThan(Allocations.OneOffBudget));
    }
}
