using System.Text;
using Hft.Backtest.Reports;

namespace Hft.Engine.Tests.Reports;

public sealed class RowSinkTests
{
    private static void Format(Utf8RowWriter w, in (int Id, double Value) row) => w.Long(row.Id).Char(',').Double(row.Value).EndRow();

    private sealed class FailingStream : Stream
    {
        public int Writes;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => 0;
        public override long Position { get => 0; set { } }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (++Writes > 2) throw new IOException("No space left on device");
        }
    }

    [Test]
    public void A_background_sink_writes_every_row_in_order_across_many_chunks()
    {
        using var memory = new MemoryStream();
        var sink = new RowSink<(int, double)>(new Utf8RowWriter(memory, ownsStream: false, bufferSize: 1024), Format, "rows.csv", chunkRows: 7, chunksInFlight: 2);
        for (int i = 0; i < 10_000; i++) sink.Add((i, i * 0.5));
        sink.Complete();
        sink.Complete();
        var lines = Encoding.UTF8.GetString(memory.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(10_000));
        for (int i = 0; i < lines.Length; i++) Assert.That(lines[i], Is.EqualTo($"{i},{(i * 0.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    [Test]
    public void A_write_error_is_reported_when_the_sink_completes_with_the_file_name()
    {
        var background = new RowSink<(int, double)>(new Utf8RowWriter(new FailingStream(), bufferSize: 512), Format, "/out/equity.csv", chunkRows: 16);
        for (int i = 0; i < 5_000; i++) background.Add((i, i));
        var e = Assert.Throws<IOException>(() => background.Complete())!;
        Assert.That(e.Message, Does.Contain("/out/equity.csv").And.Contain("No space left on device"));

        var inline = new RowSink<(int, double)>(new Utf8RowWriter(new FailingStream(), bufferSize: 512), Format, "/out/orders.csv", background: false);
        for (int i = 0; i < 5_000; i++) inline.Add((i, i));
        Assert.That(() => inline.Complete(), Throws.TypeOf<IOException>().With.Message.Contains("/out/orders.csv"));
        Assert.DoesNotThrow(() => inline.Dispose(), "dispose after a reported failure stays quiet");
    }
}
