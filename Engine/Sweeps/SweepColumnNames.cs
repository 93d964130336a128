namespace Hft.Engine.Sweeps;

/// <summary>
/// The column names of one sweep's rows, each kept once: every run's summary has the same few dozen keys, and a
/// sweep of thousands of runs would otherwise hold a copy of each name per row. Safe from any thread.
/// </summary>
internal sealed class SweepColumnNames
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The kept instance of <paramref name="name"/> (the first one seen).</summary>
    public string Share(string name)
    {
        lock (_names)
        {
            if (_names.TryGetValue(name, out var kept)) return kept;
            _names.Add(name, name);
            return name;
        }
    }
}
