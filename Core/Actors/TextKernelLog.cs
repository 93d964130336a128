namespace Hft.Core.Actors;

/// <summary>A kernel log that writes one line per entry to a <see cref="TextWriter"/> (standard error by default).</summary>
public sealed class TextKernelLog : IKernelLog
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();

    /// <summary>Creates a log writing to <paramref name="writer"/>, or standard error.</summary>
    public TextKernelLog(TextWriter? writer = null) => _writer = writer ?? Console.Error;

    /// <inheritdoc />
    public void Info(string message) => Write("INF", message);

    /// <inheritdoc />
    public void Warning(string message) => Write("WRN", message);

    /// <inheritdoc />
    public void Error(Exception? exception, string message) =>
        Write("ERR", exception is null ? message : message + ": " + exception.GetType().Name + ": " + exception.Message);

    private void Write(string level, string message)
    {
        lock (_gate) _writer.WriteLine($"[{level}] {message}");
    }
}
