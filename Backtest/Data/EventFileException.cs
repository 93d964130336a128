namespace Hft.Backtest.Data;

/// <summary>
/// An event file (<c>.npz</c> / <c>.npy</c>) cannot be read or written. The message is one line that names the file
/// and what is wrong with it, e.g. <c>data/x.npz: file is empty</c>, so it can be shown to a user as is.
/// </summary>
/// <remarks>
/// The event-file layer turns every failure it can meet (I/O errors, corrupt deflate data, malformed zip or NPY
/// headers) into this one type, so callers need a single catch and always learn which file is at fault.
/// </remarks>
public sealed class EventFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/> with a short description of the problem.</summary>
    /// <param name="filePath">The path as the caller gave it.</param>
    /// <param name="problem">What is wrong, without the path (it is prefixed).</param>
    /// <param name="inner">The framework exception that revealed the problem, if any.</param>
    public EventFileException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file the problem is about, as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>The message without the file path prefix.</summary>
    public string Problem { get; }
}
