namespace Hft.Engine.Sweeps;

/// <summary>
/// Every combination of the swept values, in a fixed order: the first parameter varies slowest, the last fastest
/// (as nested loops in the order the parameters were given). That order is the row order of <c>sweep.csv</c>.
/// </summary>
internal sealed class SweepGrid
{
    /// <summary>More runs than this in one sweep is refused.</summary>
    public const int MaxPoints = 100_000;

    private SweepGrid(IReadOnlyList<SweepParameter> parameters, IReadOnlyList<SweepPoint> points)
    {
        Parameters = parameters;
        Points = points;
    }

    /// <summary>The swept parameters, in the order given.</summary>
    public IReadOnlyList<SweepParameter> Parameters { get; }

    /// <summary>Every point, in grid order.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>Builds the grid of <paramref name="parameters"/>; at least one, each named once.</summary>
    public static SweepGrid Create(IReadOnlyList<SweepParameter> parameters)
    {
        if (parameters.Count == 0) throw new ArgumentException("sweep needs at least one --param NAME=VALUES");
        var twice = parameters.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"--param {twice.Key} is given twice; list all its values in one --param");
        long total = 1;
        foreach (var p in parameters)
        {
            total *= p.Values.Count;
            if (total > MaxPoints) throw new ArgumentException($"the grid has more than {MaxPoints:N0} runs; sweep fewer values");
        }
        var points = new List<SweepPoint>((int)total);
        var digits = new int[parameters.Count];
        for (int index = 0; index < total; index++)
        {
            points.Add(new SweepPoint(index, digits.Select((d, k) => parameters[k].Values[d]).ToArray()));
            for (int k = digits.Length - 1; k >= 0; k--)
            {
                if (++digits[k] < parameters[k].Values.Count) break;
                digits[k] = 0;
            }
        }
        return new SweepGrid(parameters, points);
    }
}
