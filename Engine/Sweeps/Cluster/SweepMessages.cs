namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// A message of the cluster sweep's protocol between the coordinator and the worker nodes. Every one is written by
/// <see cref="SweepMessageSerializer"/> (bound to this interface), never by Akka's default JSON serializer.
/// </summary>
internal interface ISweepClusterMessage;

/// <summary>A worker node asks the coordinator which sweep it runs.</summary>
internal sealed record SweepSpecRequest : ISweepClusterMessage;

/// <summary>
/// The sweep a coordinator runs: a worker plans the same grid from the same configuration and parameters, so a job is
/// only its index. The digests make sure the worker's files are the coordinator's.
/// </summary>
/// <param name="SweepId">Names this sweep in every later message.</param>
/// <param name="Config">The configuration file's full path (the same path on every node).</param>
/// <param name="ConfigDigest">SHA-256 of the configuration file's bytes, lowercase hex.</param>
/// <param name="DataDigest">SHA-256 over the event files' bytes, in configuration order, lowercase hex.</param>
/// <param name="Parameters">The <c>--param</c> values, in command-line order.</param>
/// <param name="Plugins">The <c>--plugins</c> folder, if one was given.</param>
/// <param name="Runs">Runs in the grid.</param>
internal sealed record SweepSpec(string SweepId, string Config, string ConfigDigest, string DataDigest, IReadOnlyList<string> Parameters, string? Plugins, int Runs)
    : ISweepClusterMessage;

/// <summary>A worker asks for its next run; the answer is a <see cref="JobOffer"/> or <see cref="SweepFinished"/>.</summary>
internal sealed record JobRequest(string SweepId) : ISweepClusterMessage;

/// <summary>Run <paramref name="Index"/> of the grid.</summary>
internal sealed record JobOffer(string SweepId, int Index) : ISweepClusterMessage;

/// <summary>
/// The row of run <paramref name="Index"/>: its columns as <c>sweep.csv</c> writes them, or the error that ended it.
/// </summary>
internal sealed record JobResult(string SweepId, int Index, IReadOnlyList<string> Keys, IReadOnlyList<string> Values, string? Error) : ISweepClusterMessage
{
    /// <summary>The result of <paramref name="row"/>, run <paramref name="index"/>.</summary>
    public static JobResult Of(string sweepId, int index, SweepRow row) =>
        new(sweepId, index, row.Columns.Select(c => c.Key).ToArray(), row.Columns.Select(c => c.Value).ToArray(), row.Error);

    /// <summary>The row again, at <paramref name="point"/>, its names shared through <paramref name="names"/>.</summary>
    public SweepRow ToRow(SweepPoint point, SweepColumnNames names)
    {
        if (Keys.Count != Values.Count) throw new ArgumentException($"run {Index}: {Keys.Count} column names but {Values.Count} values");
        var columns = new KeyValuePair<string, string>[Keys.Count];
        for (int i = 0; i < columns.Length; i++) columns[i] = new(names.Share(Keys[i]), Values[i]);
        return new SweepRow(point, columns, Error);
    }
}

/// <summary>Every run of the sweep has its row: nothing more to take.</summary>
internal sealed record SweepFinished(string SweepId) : ISweepClusterMessage;

/// <summary>A worker node cannot take part (its files differ from the coordinator's, or it could not plan the grid).</summary>
internal sealed record WorkerRefused(string SweepId, string Reason) : ISweepClusterMessage;
