using System.Text;
using Hft.Backtest.Data;

namespace Hft.Engine.Tests.Data;

public sealed class Crc32Tests
{
    [Test]
    public void Standard_check_value()
    {
        // The CRC-32/ISO-HDLC check value used by zip, zlib, PNG.
        Assert.That(Crc32.Compute(Encoding.ASCII.GetBytes("123456789")), Is.EqualTo(0xCBF43926u));
        Assert.That(Crc32.Compute([]), Is.EqualTo(0u));
    }

    [Test]
    public void Vector_path_agrees_with_the_table_for_every_length_and_alignment()
    {
        var rng = new Random(1);
        byte[] data = new byte[4096 + 64];
        rng.NextBytes(data);
        for (int length = 0; length <= 600; length++)
            for (int offset = 0; offset < 3; offset++)
            {
                var span = data.AsSpan(offset, length);
                if (Crc32.Compute(span) != Crc32.AppendScalar(0, span))
                    Assert.Fail($"length {length}, offset {offset}");
            }
        Assert.That(Crc32.Compute(data), Is.EqualTo(Crc32.AppendScalar(0, data)));
    }

    [Test]
    public void Appending_in_pieces_equals_one_pass()
    {
        var rng = new Random(2);
        byte[] data = new byte[1 << 20];
        rng.NextBytes(data);
        uint whole = Crc32.Compute(data);
        for (int trial = 0; trial < 5; trial++)
        {
            uint crc = 0;
            int pos = 0;
            while (pos < data.Length)
            {
                int n = Math.Min(rng.Next(1, 70_000), data.Length - pos);
                crc = Crc32.Append(crc, data.AsSpan(pos, n));
                pos += n;
            }
            Assert.That(crc, Is.EqualTo(whole));
        }
    }

    [Test]
    public void Agrees_with_the_crc_in_zip_files_the_framework_writes()
    {
        byte[] data = new byte[100_000];
        new Random(3).NextBytes(data);
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var s = zip.CreateEntry("x").Open())
            s.Write(data);
        ms.Position = 0;
        using var read = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Read);
        Assert.That(read.Entries[0].Crc32, Is.EqualTo(Crc32.Compute(data)));
    }
}
