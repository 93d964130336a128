using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Hft.Core.Markets;

namespace Hft.Exchanges.Common;

/// <summary>
/// Writes what a gateway receives in hftbacktest's raw collector format, one gzip file per instrument and UTC day
/// (<c>&lt;symbol&gt;_&lt;yyyymmdd&gt;.gz</c>, lines <c>&lt;19-digit ns receive time&gt; &lt;json&gt;</c>), on a thread of its own so the
/// core loop only copies the frame. A file is finished when its day ends or the recorder is disposed;
/// <see cref="Finished"/> tells which, so they can be converted to event files.
/// </summary>
public sealed class CollectorFileRecorder : IRawFrameRecorder, IDisposable
{
    private readonly string _directory;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly Channel<Line> _lines = Channel.CreateUnbounded<Line>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly Action<string>? _onFinished;
    private readonly List<string> _finished = new();
    private long _written;

    /// <summary>A recorder writing into <paramref name="directory"/> (created if missing).</summary>
    /// <param name="directory">Where the files go.</param>
    /// <param name="instruments">The gateway's instruments, by index.</param>
    /// <param name="onFinished">Called on the writer's thread with each file once it is complete (its day ended).</param>
    public CollectorFileRecorder(string directory, IReadOnlyList<Instrument> instruments, Action<string>? onFinished = null)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        _instruments = instruments;
        _onFinished = onFinished;
        _writer = Task.Factory.StartNew(Write, TaskCreationOptions.LongRunning).Unwrap();
    }

    /// <summary>Lines written so far.</summary>
    public long Lines => Interlocked.Read(ref _written);

    /// <summary>The files completed so far (all of them after <see cref="Dispose"/>), in the order they were finished.</summary>
    public IReadOnlyList<string> Finished
    {
        get { lock (_finished) return _finished.ToArray(); }
    }

    /// <inheritdoc />
    public void Record(int instrument, long receivedAt, ReadOnlySpan<byte> json)
    {
        // A line holds one message: a pretty-printed REST answer is written compactly.
        byte[] bytes = json.IndexOfAny((byte)'\n', (byte)'\r') >= 0 ? Compact(json) : json.ToArray();
        _lines.Writer.TryWrite(new Line(instrument, receivedAt, bytes));
    }

    private static byte[] Compact(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream)) doc.WriteTo(writer);
            return stream.ToArray();
        }
        catch (JsonException)
        {
            // Not JSON: recorded as one line anyway, and convert reports it where it is.
            return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json).Replace('\n', ' ').Replace('\r', ' '));
        }
    }

    private async Task Write()
    {
        var open = new Dictionary<int, (string Day, string Path, GZipStream Stream)>();
        byte[] prefix = new byte[20];
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                string day = DateTimeOffset.FromUnixTimeMilliseconds(line.ReceivedAt / 1_000_000).UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                if (!open.TryGetValue(line.Instrument, out var file) || file.Day != day)
                {
                    if (file.Stream is not null) Close(file.Path, file.Stream);
                    string path = Path.Combine(_directory, $"{_instruments[line.Instrument].Symbol.ToLowerInvariant()}_{day}.gz");
                    // A file of the same day from an earlier run is continued: gzip members may follow each other.
                    file = (day, path, new GZipStream(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), CompressionLevel.Fastest));
                    open[line.Instrument] = file;
                }
                line.ReceivedAt.TryFormat(prefix, out int n, "D19", CultureInfo.InvariantCulture);
                prefix[n] = (byte)' ';
                file.Stream.Write(prefix, 0, n + 1);
                file.Stream.Write(line.Json);
                file.Stream.WriteByte((byte)'\n');
                Interlocked.Increment(ref _written);
            }
        }
        finally
        {
            foreach (var file in open.Values.OrderBy(f => f.Path, StringComparer.Ordinal)) Close(file.Path, file.Stream);
        }
    }

    private void Close(string path, GZipStream stream)
    {
        stream.Dispose();
        lock (_finished) _finished.Add(path);
        _onFinished?.Invoke(path);
    }

    /// <summary>Writes what is queued and closes every file.</summary>
    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
    }

    private readonly record struct Line(int Instrument, long ReceivedAt, byte[] Json);
}
