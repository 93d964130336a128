using System.Text;
using Hft.Backtest.Data;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Data;

/// <summary>Every broken input gives an <see cref="EventFileException"/> whose one-line message names the file and the fault.</summary>
public sealed class EventFileCorruptionTests : TempDirectoryTest
{
    private static EventFileException OpenFails(string path)
    {
        var e = Assert.Throws<EventFileException>(() => EventFileReader.Open(path).Dispose())!;
        Assert.That(e.FilePath, Is.EqualTo(path));
        Assert.That(e.Message, Does.Not.Contain('\n'));
        return e;
    }

    /// <summary>Reads every row; returns the exception the reader throws on the way.</summary>
    private static EventFileException ReadFails(string path, out long rowsBeforeFailure)
    {
        using var reader = EventFileReader.Open(path);
        var buffer = new MarketEvent[100];
        rowsBeforeFailure = 0;
        try
        {
            int n;
            while ((n = reader.Read(buffer)) > 0) rowsBeforeFailure += n;
        }
        catch (EventFileException e)
        {
            Assert.That(e.FilePath, Is.EqualTo(path));
            return e;
        }
        Assert.Fail("reading the whole file did not fail");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Writes a bare .npy image, and the same image as stored and as deflated data.npy in a zip.</summary>
    private string[] EveryContainer(byte[] npy)
    {
        string[] paths = [PathOf("bad.npy"), PathOf("bad-stored.npz"), PathOf("bad-deflated.npz")];
        File.WriteAllBytes(paths[0], npy);
        DataFiles.Zip(paths[1], ("data.npy", npy, false));
        DataFiles.Zip(paths[2], ("data.npy", npy, true));
        return paths;
    }

    [Test]
    public void Missing_file()
    {
        string path = PathOf("missing.npz");
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: no such file"));
    }

    [Test]
    public void Missing_directory()
    {
        string path = PathOf("nowhere/missing.npz");
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: no such file"));
    }

    [Test]
    public void Directory_instead_of_file()
    {
        string path = PathOf("folder.npz");
        Directory.CreateDirectory(path);
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: is a directory, not a file"));
    }

    [Test]
    public void Empty_file()
    {
        string path = PathOf("empty.npz");
        File.WriteAllBytes(path, []);
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: file is empty"));
    }

    [Test]
    public void Not_a_zip()
    {
        string path = PathOf("text.npz");
        File.WriteAllText(path, "exch_ts,local_ts,px,qty\n1,2,3,4\n");
        Assert.That(OpenFails(path).Message,
            Is.EqualTo($"{path}: not a zip archive (truncated or corrupt: end of central directory not found)"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Zip_cut_in_half(bool compress)
    {
        string path = PathOf("cut.npz");
        EventFileWriter.WriteAll(path, DataFiles.Rows(2000), compress);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.That(OpenFails(path).Message,
            Is.EqualTo($"{path}: not a zip archive (truncated or corrupt: end of central directory not found)"));
    }

    [Test]
    public void Zip_without_data_npy()
    {
        string path = PathOf("other.npz");
        byte[] npy = DataFiles.Npy(DataFiles.Header(shape: "(0,)"), []);
        DataFiles.Zip(path, ("a.npy", npy, true), ("b.npy", npy, false));
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: no entry 'data.npy' (entries: a.npy, b.npy)"));
    }

    [Test]
    public void Zip_with_no_entries()
    {
        string path = PathOf("nothing.npz");
        DataFiles.Zip(path);
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: no entry 'data.npy' (entries: none)"));
    }

    [Test]
    public void Ev_column_as_signed_integer_is_a_type_mismatch()
    {
        // hftbacktest rejects this (an old notebook wrote ev as '<i8').
        string descr = DataFiles.EventDescr.Replace("('ev', '<u8')", "('ev', '<i8')");
        foreach (string path in EveryContainer(DataFiles.Npy(DataFiles.Header(descr: descr), DataFiles.Bytes(DataFiles.Rows(3)))))
            Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: dtype mismatch: field 'ev' is '<i8', expected '<u8'"));
    }

    [Test]
    public void Big_endian_field_is_a_type_mismatch()
    {
        string descr = DataFiles.EventDescr.Replace("('px', '<f8')", "('px', '>f8')");
        string path = PathOf("be.npy");
        File.WriteAllBytes(path, DataFiles.Npy(DataFiles.Header(descr: descr), DataFiles.Bytes(DataFiles.Rows(3))));
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: dtype mismatch: field 'px' is '>f8', expected '<f8'"));
    }

    [Test]
    public void Plain_array_instead_of_records()
    {
        string path = PathOf("plain.npy");
        File.WriteAllBytes(path, DataFiles.Npy(DataFiles.Header(descr: "'<f8'", shape: "(24,)"), new byte[24 * 8]));
        Assert.That(OpenFails(path).Message, Does.StartWith($"{path}: dtype mismatch: descr is '<f8', expected [('ev', '<u8'), "));
    }

    [Test]
    public void Missing_field()
    {
        string descr = DataFiles.EventDescr.Replace(", ('fval', '<f8')", "");
        string path = PathOf("seven.npy");
        File.WriteAllBytes(path, DataFiles.Npy(DataFiles.Header(descr: descr), new byte[3 * 56]));
        Assert.That(OpenFails(path).Message, Does.StartWith($"{path}: dtype mismatch: 7 fields, expected 8 "));
    }

    [Test]
    public void Npy_version_2()
    {
        foreach (string path in EveryContainer(DataFiles.Npy(DataFiles.Header(), DataFiles.Bytes(DataFiles.Rows(3)), major: 2)))
            Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: unsupported NPY version 2.0 (only 1.0 is supported, as in hftbacktest)"));
    }

    [Test]
    public void Fortran_order()
    {
        foreach (string path in EveryContainer(DataFiles.Npy(DataFiles.Header(fortran: "True"), DataFiles.Bytes(DataFiles.Rows(3)))))
            Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: fortran_order is True (only C order is supported)"));
    }

    [Test]
    public void Two_dimensional_shape()
    {
        foreach (string path in EveryContainer(DataFiles.Npy(DataFiles.Header(shape: "(3, 1)"), DataFiles.Bytes(DataFiles.Rows(3)))))
            Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: shape (3, 1) is not 1-D"));
    }

    [Test]
    public void Unexpected_header_key()
    {
        string header = DataFiles.Header().Replace("}", "'extra': 1, }");
        string path = PathOf("key.npy");
        File.WriteAllBytes(path, DataFiles.Npy(header, DataFiles.Bytes(DataFiles.Rows(3))));
        Assert.That(OpenFails(path).Message,
            Is.EqualTo($"{path}: NPY header has unexpected key 'extra' (only descr, fortran_order, shape are allowed)"));
    }

    [Test]
    public void Malformed_header()
    {
        string path = PathOf("garbled.npy");
        File.WriteAllBytes(path, DataFiles.Npy("{'descr': [('ev', '<u8'", []));
        Assert.That(OpenFails(path).Message, Does.StartWith($"{path}: malformed NPY header ("));
    }

    [Test]
    public void Deeply_nested_header_is_refused_without_overflowing_the_stack()
    {
        string path = PathOf("nested.npy");
        File.WriteAllBytes(path, DataFiles.Npy("{'descr': " + new string('[', 20_000), []));
        Assert.That(OpenFails(path).Message, Does.StartWith($"{path}: malformed NPY header (nested too deeply"));
    }

    [Test]
    public void Npy_with_wrong_magic()
    {
        string path = PathOf("wrong.npy");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("NOTNUMPY and more"));
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: not an NPY file (bad magic bytes 4E4F544E554D)"));
    }

    [Test]
    public void Data_shorter_than_the_shape()
    {
        byte[] npy = DataFiles.Npy(DataFiles.Header(shape: "(1000,)"), DataFiles.Bytes(DataFiles.Rows(512)));
        foreach (string path in EveryContainer(npy))
            Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: truncated: header says 1000 rows, data holds 512"));
    }

    [Test]
    public void Data_longer_than_the_shape()
    {
        byte[] npy = DataFiles.Npy(DataFiles.Header(shape: "(3,)"), DataFiles.Bytes(DataFiles.Rows(4)));
        string path = PathOf("long.npy");
        File.WriteAllBytes(path, npy);
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: size mismatch: header says 3 rows, data holds 256 bytes (4 rows and 0 bytes)"));
    }

    [Test]
    public void Deflate_stream_cut_short_while_the_directory_promises_more()
    {
        // A well-formed zip whose directory states the full sizes, but whose compressed data stops at 40%:
        // the header reads fine, the rows run out mid-stream.
        var rows = DataFiles.Rows(5000);
        byte[] npy = DataFiles.Npy(DataFiles.Header(shape: "(5000,)"), DataFiles.Bytes(rows));
        byte[] deflated = DataFiles.Deflate(npy);
        string path = PathOf("cut-stream.npz");
        File.WriteAllBytes(path, DataFiles.RawZip("data.npy", true, deflated[..(deflated.Length * 2 / 5)], Hft.Backtest.Data.Crc32.Compute(npy), npy.Length));

        var e = ReadFails(path, out long before);
        Assert.That(e.Message, Does.Match($"^{System.Text.RegularExpressions.Regex.Escape(path)}: truncated: header says 5000 rows, data holds [0-9]+$"));
        long held = long.Parse(e.Message[(e.Message.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(held, Is.InRange(1, 4999));
        Assert.That(before, Is.LessThanOrEqualTo(held));
    }

    [Test]
    public void Flipped_byte_in_stored_data_fails_the_checksum()
    {
        string path = PathOf("flip.npz");
        EventFileWriter.WriteAll(path, DataFiles.Rows(1000), compress: false);
        byte[] bytes = File.ReadAllBytes(path);
        int npyStart = IndexOfNumpyMagic(bytes);
        bytes[npyStart + 256 + 500 * 64 + 24] ^= 0x01; // a price bit in row 500
        File.WriteAllBytes(path, bytes);

        var e = ReadFails(path, out long before);
        Assert.That(e.Message, Does.Match($"^{System.Text.RegularExpressions.Regex.Escape(path)}: corrupt: CRC-32 of 'data.npy' is [0-9a-f]{{8}}, the zip directory says [0-9a-f]{{8}}$"));
        Assert.That(before, Is.EqualTo(900), "the last read (rows 900-999) is refused, not handed out");
    }

    [Test]
    public void A_reader_that_failed_keeps_failing_the_same_way()
    {
        string path = PathOf("flip.npz");
        EventFileWriter.WriteAll(path, DataFiles.Rows(10), compress: false);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[IndexOfNumpyMagic(bytes) + 256 + 3 * 64] ^= 0x80;
        File.WriteAllBytes(path, bytes);
        using var reader = EventFileReader.Open(path);
        var buffer = new MarketEvent[10];
        var first = Assert.Throws<EventFileException>(() => reader.Read(buffer));
        var second = Assert.Throws<EventFileException>(() => reader.Read(buffer));
        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void Damaged_deflate_data_fails_while_reading()
    {
        string path = PathOf("damaged.npz");
        EventFileWriter.WriteAll(path, DataFiles.Rows(20_000), compress: true);
        byte[] bytes = File.ReadAllBytes(path);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        // Depending on where the damage lands, the inflater rejects the data or the CRC check catches it.
        var e = ReadFails(path, out _);
        Assert.That(e.Message, Does.StartWith($"{path}: corrupt"));
    }

    [Test]
    public void Encrypted_entry_is_refused()
    {
        byte[] npy = DataFiles.Npy(DataFiles.Header(), DataFiles.Bytes(DataFiles.Rows(3)));
        byte[] zip = DataFiles.RawZip("data.npy", false, npy, Hft.Backtest.Data.Crc32.Compute(npy), npy.Length);
        int central = zip.Length - 22 - (46 + 8);
        zip[central + 8] |= 1; // general purpose flag bit 0 in the central directory
        string path = PathOf("locked.npz");
        File.WriteAllBytes(path, zip);
        Assert.That(OpenFails(path).Message, Is.EqualTo($"{path}: entry 'data.npy' is encrypted"));
    }

    [TestCase("good.npz", true)]
    [TestCase("good.npz", false)]
    [TestCase("good.npy", false)]
    public void Failures_never_escape_as_framework_exceptions(string name, bool compress)
    {
        // Every cut-short copy of a valid file, and copies with random bit flips, must give EventFileException or
        // (for flips in bytes nobody checks, like zip timestamps) read fine.
        string good = PathOf(name);
        EventFileWriter.WriteAll(good, DataFiles.Rows(300), compress);
        byte[] bytes = File.ReadAllBytes(good);
        string path = PathOf("mangled" + Path.GetExtension(name));
        var buffer = new MarketEvent[64];
        var rng = new Random(7);
        int failures = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] variant = trial < 200 ? bytes[..rng.Next(bytes.Length)] : (byte[])bytes.Clone();
            if (trial >= 200)
                for (int k = 0; k < 1 + trial % 4; k++) variant[rng.Next(variant.Length)] ^= (byte)(1 << rng.Next(8));
            File.WriteAllBytes(path, variant);
            try
            {
                using var reader = EventFileReader.Open(path);
                while (reader.Read(buffer) > 0) { }
            }
            catch (EventFileException)
            {
                failures++;
            }
        }
        Assert.That(failures, Is.GreaterThanOrEqualTo(200), "every cut-short file fails");
    }

    private static int IndexOfNumpyMagic(byte[] bytes) =>
        bytes.AsSpan().IndexOf(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' });
}
