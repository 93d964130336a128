using System.Diagnostics;
using Hft.Backtest.Data;
using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// The part of hftbacktest's converters every source shares: read the inputs into rows (the subclass's parser), then
/// <see cref="LocalTimestampCorrection"/>, <see cref="EventOrderCorrection"/>, <see cref="EventOrderValidation"/>,
/// the data-quality time span, and write the <c>.npz</c>.
/// </summary>
/// <remarks>
/// <para>
/// Several files are read in the order given, as one concatenated input: converting <c>a.gz b.gz</c> gives the
/// same rows as converting one file holding the lines of <c>a</c> then <c>b</c>. That differs from converting them
/// one by one with hftbacktest (one output per file): the timestamp correction uses one offset for all of them and
/// the order correction can move rows across the file boundary. Give days in chronological order.
/// </para>
/// <para>
/// The input is streamed line by line; the converted rows (64 bytes each) are held in memory because both
/// corrections need the whole data set (a minimum over all rows and two sorts), as in the reference. Peak memory is
/// about 80 bytes per converted row: the rows, one sort key array, and up to two permutations. The output is
/// produced in pieces: one merge pass counts and validates the rows (the file header needs the count), a second
/// writes them.
/// </para>
/// </remarks>
public abstract class RawFileConverter
{
    /// <summary>Lines between two read-progress reports.</summary>
    protected const int ProgressEveryLines = 4096;
    private const int WriteBufferRows = 1 << 16;

    /// <summary>A converter with <paramref name="options"/>.</summary>
    protected RawFileConverter(ConversionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options.</summary>
    public ConversionOptions Options { get; }

    /// <summary>Receives each venue error line and each skipped malformed line.</summary>
    public Action<ConversionWarning>? Warning { get; set; }

    /// <summary>Receives the compressed input bytes consumed so far, over all files (total: their sizes).</summary>
    public IProgress<long>? ReadProgress { get; set; }

    /// <summary>Receives the output rows written so far (total: <see cref="ConversionSummary.RowsWritten"/>).</summary>
    public IProgress<long>? WriteProgress { get; set; }

    /// <summary>Called once the output row count is known, before writing starts.</summary>
    public Action<long>? WriteStarting { get; set; }

    /// <summary>Converts <paramref name="inputs"/> into the event file <paramref name="output"/>.</summary>
    /// <exception cref="CollectorFormatException">An input is missing, unreadable or has a malformed line.</exception>
    /// <exception cref="EventFileException">The output cannot be written.</exception>
    /// <exception cref="ArgumentException">No inputs, or the output is one of them.</exception>
    public ConversionSummary Convert(IReadOnlyList<string> inputs, string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckInputs(inputs);
        string fullOutput = Path.GetFullPath(output);
        if (inputs.Any(i => string.Equals(Path.GetFullPath(i), fullOutput, StringComparison.Ordinal)))
            throw new ArgumentException($"{output}: the output is also an input");
        string? directory = Path.GetDirectoryName(fullOutput);
        // Fail now rather than after minutes of reading.
        if (directory is not null && !Directory.Exists(directory)) throw new EventFileException(output, "no such directory");

        var (correction, summary) = Prepare(inputs);
        var watch = Stopwatch.StartNew();
        WriteStarting?.Invoke(summary.RowsWritten);
        correction.Reset();
        var buffer = new MarketEvent[WriteBufferRows];
        using (var writer = new EventFileWriter(output, summary.RowsWritten, Options.Compress))
        {
            int n;
            while ((n = correction.Fill(buffer)) > 0)
            {
                writer.Write(buffer.AsSpan(0, n));
                WriteProgress?.Report(writer.Written);
            }
        }
        summary.WriteTime = watch.Elapsed;
        return summary;
    }

    /// <summary>Converts <paramref name="inputs"/> into rows in memory (for small inputs and tests).</summary>
    /// <exception cref="CollectorFormatException">An input is missing, unreadable or has a malformed line.</exception>
    public MarketEvent[] ConvertToArray(IReadOnlyList<string> inputs, out ConversionSummary summary)
    {
        CheckInputs(inputs);
        (var correction, summary) = Prepare(inputs);
        correction.Reset();
        var rows = new MarketEvent[summary.RowsWritten];
        int total = 0;
        int n;
        while ((n = correction.Fill(rows.AsSpan(total))) > 0) total += n;
        return rows;
    }

    /// <summary>
    /// Reads and parses <paramref name="inputs"/> into rows without any correction (side and kind flags only),
    /// counting into <paramref name="summary"/>.
    /// </summary>
    /// <exception cref="CollectorFormatException">An input is missing, unreadable or has a malformed line.</exception>
    public EventRowStore Read(IReadOnlyList<string> inputs, ConversionSummary summary)
    {
        CheckInputs(inputs);
        ArgumentNullException.ThrowIfNull(summary);
        var watch = Stopwatch.StartNew();
        var rows = ReadRows(inputs, summary);
        summary.RowsConverted = rows.Count;
        summary.ReadTime = watch.Elapsed;
        return rows;
    }

    /// <summary>Reads and parses the inputs (which exist) into rows, counting messages and quality into <paramref name="summary"/>.</summary>
    protected abstract EventRowStore ReadRows(IReadOnlyList<string> inputs, ConversionSummary summary);

    /// <summary>Parses one collector line (see <see cref="ReadCollectorLines"/>); throws <see cref="FormatException"/> if it is malformed.</summary>
    protected delegate void CollectorLineParser(ReadOnlySpan<byte> line, string path, long lineNumber);

    /// <summary>
    /// Reads collector files in the order given, line by line, as one input: counts files, bytes and lines into
    /// <paramref name="summary"/> and reports read progress. A malformed line stops the conversion with a
    /// <see cref="CollectorFormatException"/> at its line, or with <see cref="ConversionOptions.SkipBadLines"/> is
    /// counted, warned about and skipped.
    /// </summary>
    protected void ReadCollectorLines(IReadOnlyList<string> inputs, ConversionSummary summary, CollectorLineParser parse)
    {
        long done = 0;
        foreach (string path in inputs)
        {
            using var reader = new CollectorLineReader(path);
            summary.Files++;
            summary.InputBytes += reader.Length;
            while (reader.TryReadLine(out var line))
            {
                summary.Lines++;
                summary.TextBytes += line.Length + 1;
                try
                {
                    parse(line, path, reader.LineNumber);
                }
                catch (FormatException e)
                {
                    var bad = new CollectorFormatException(path, reader.LineNumber, e.Message, e);
                    if (!Options.SkipBadLines) throw bad;
                    summary.SkippedLines++;
                    Warning?.Invoke(new ConversionWarning(path, reader.LineNumber, e.Message + " (skipped)"));
                    continue;
                }
                if (summary.Lines % ProgressEveryLines == 0) ReadProgress?.Report(done + reader.Position);
            }
            done += reader.Length;
            ReadProgress?.Report(done);
        }
    }

    /// <summary>Reads, corrects both timelines, and counts and validates the output once.</summary>
    private (EventOrderCorrection Correction, ConversionSummary Summary) Prepare(IReadOnlyList<string> inputs)
    {
        var summary = new ConversionSummary();
        var rows = Read(inputs, summary);
        var watch = Stopwatch.StartNew();
        summary.MinimumLatency = LocalTimestampCorrection.MinimumLatency(rows);
        if (summary.MinimumLatency < 0) summary.Quality.NegativeLatencyRows = DataQuality.CountNegativeLatency(rows);
        summary.LocalTimeOffset = LocalTimestampCorrection.Apply(rows, Options.BaseLatency);
        if (summary.LocalTimeOffset != 0) summary.Quality.ShiftedRows = rows.Count;
        var correction = new EventOrderCorrection(rows);
        var validation = new EventOrderValidation();
        var buffer = new MarketEvent[WriteBufferRows];
        int n;
        while ((n = correction.Fill(buffer)) > 0)
        {
            validation.Check(buffer.AsSpan(0, n));
            summary.Quality.Observe(buffer.AsSpan(0, n));
        }
        summary.RowsWritten = correction.Emitted;
        summary.SplitRows = correction.OneSided / 2;
        summary.CorrectionTime = watch.Elapsed;
        return (correction, summary);
    }

    /// <summary>Every input must exist before anything is read, so a typo in the last name fails at once.</summary>
    /// <summary>Fails unless every input exists.</summary>
    protected static void CheckInputs(IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException("no input files");
        foreach (string path in inputs)
        {
            if (!File.Exists(path)) throw new CollectorFormatException(path, 0, "no such file");
        }
    }
}
