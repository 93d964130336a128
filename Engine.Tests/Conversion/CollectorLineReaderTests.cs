using System.IO.Compression;
using System.Text;
using Hft.Backtest.Conversion;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Conversion;

public sealed class CollectorLineReaderTests : TempDirectoryTest
{
    private static List<string> ReadAll(string path)
    {
        using var reader = new CollectorLineReader(path);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
            Assert.That(reader.LineNumber, Is.EqualTo(lines.Count));
        }
        Assert.That(reader.Position, Is.EqualTo(reader.Length));
        return lines;
    }

    private static byte[] Gzip(string text)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    [Test]
    public void Reads_gzip_lines_without_their_endings_including_a_last_line_without_newline()
    {
        File.WriteAllBytes(PathOf("a.gz"), Gzip("one\r\ntwo\n\nlast"));
        Assert.That(ReadAll(PathOf("a.gz")), Is.EqualTo(new[] { "one", "two", "", "last" }));
    }

    [Test]
    public void Plain_text_is_read_too()
    {
        File.WriteAllText(PathOf("a.txt"), "1\n2\n");
        using (var reader = new CollectorLineReader(PathOf("a.txt"))) Assert.That(reader.IsGzip, Is.False);
        Assert.That(ReadAll(PathOf("a.txt")), Is.EqualTo(new[] { "1", "2" }));
    }

    [Test]
    public void Concatenated_gzip_members_are_one_stream()
    {
        File.WriteAllBytes(PathOf("ab.gz"), [.. Gzip("a1\na2\n"), .. Gzip("b1\n")]);
        Assert.That(ReadAll(PathOf("ab.gz")), Is.EqualTo(new[] { "a1", "a2", "b1" }));
    }

    [Test]
    public void Lines_longer_than_the_buffer_are_returned_whole()
    {
        string longLine = new('x', 3_500_000);
        File.WriteAllBytes(PathOf("long.gz"), Gzip($"short\n{longLine}\nafter\n"));
        var lines = ReadAll(PathOf("long.gz"));
        Assert.That(lines.Select(l => l.Length), Is.EqualTo(new[] { 5, longLine.Length, 5 }));
        Assert.That(lines[1], Is.EqualTo(longLine));
    }

    [Test]
    public void Many_lines_across_buffer_refills_come_back_intact()
    {
        var expected = Enumerable.Range(0, 200_000).Select(i => $"{i:D19} {{\"n\":{i}}}").ToList();
        File.WriteAllBytes(PathOf("many.gz"), Gzip(string.Join("\n", expected) + "\n"));
        Assert.That(ReadAll(PathOf("many.gz")), Is.EqualTo(expected));
    }

    [Test]
    public void Corrupt_gzip_data_is_reported_with_the_file()
    {
        byte[] data = Gzip(string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i} {Guid.NewGuid()}\n")));
        for (int i = 100; i < 140; i++) data[i] ^= 0x5A;
        File.WriteAllBytes(PathOf("bad.gz"), data);

        var e = Assert.Throws<CollectorFormatException>(() => ReadAll(PathOf("bad.gz")))!;
        Assert.That(e.Message, Does.StartWith($"{PathOf("bad.gz")}: corrupt gzip data after line "));
    }

    [Test]
    public void A_missing_file_is_reported()
    {
        var e = Assert.Throws<CollectorFormatException>(() => new CollectorLineReader(PathOf("none.gz")))!;
        Assert.That(e.Message, Is.EqualTo($"{PathOf("none.gz")}: no such file"));
    }
}
