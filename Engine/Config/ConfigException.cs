namespace Hft.Engine.Config;

/// <summary>
/// A configuration file is not valid. It carries every problem found, not just the first, so one run
/// of <c>check</c> shows everything to fix. The message is one <see cref="ConfigProblem"/> per line.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the error from at least one problem.</summary>
    public ConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        if (problems.Count == 0) throw new ArgumentException("A configuration error needs at least one problem.", nameof(problems));
        Problems = problems;
    }

    /// <summary>The problems, in file order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }
}
