namespace Hft.Backtest.Models.Queue;

/// <summary>The queue models by the names the command line and configuration use.</summary>
public static class QueueModels
{
    /// <summary>Every accepted name, for help and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["risk-averse", "power1", "power2", "power3", "power2-1", "power2-2", "power2-3", "power3-1", "power3-2", "power3-3", "log", "log2"];

    /// <summary>
    /// Makes a factory for a named model: <c>risk-averse</c>; <c>powerN</c> (PowerProbQueueFunc(N));
    /// <c>power2-N</c> (PowerProbQueueFunc2(N)); <c>power3-N</c> (PowerProbQueueFunc3(N)); <c>log</c>; <c>log2</c>.
    /// </summary>
    public static Func<IQueueModel> Resolve(string name)
    {
        string n = name.Trim().ToLowerInvariant();
        IQueueProbability? p = n switch
        {
            "power1" or "power-1" => new PowerProbability(1),
            "power2" or "power-2" => new PowerProbability(2),
            "power3" or "power-3" => new PowerProbability(3),
            "power2-1" => new PowerProbability2(1),
            "power2-2" => new PowerProbability2(2),
            "power2-3" => new PowerProbability2(3),
            "power3-1" => new PowerProbability3(1),
            "power3-2" => new PowerProbability3(2),
            "power3-3" => new PowerProbability3(3),
            "log" or "log1" => new LogProbability(),
            "log2" => new LogProbability2(),
            _ => null,
        };
        if (p is not null) return () => new ProbQueueModel(p);
        if (n is "risk-averse" or "riskaverse") return () => new RiskAverseQueueModel();
        throw new ArgumentException($"unknown queue model '{name}'; available: {string.Join(", ", Names)}");
    }
}
