using Hft.Core.Strategies;

namespace Hft.Engine.Cli;

/// <summary>A strategy that never quoted in a run, and why (its <see cref="Strategy.NotQuotingReason"/>).</summary>
/// <param name="Strategy">Its name in the run.</param>
/// <param name="Reason">What it said, or that it said nothing.</param>
internal sealed record NotQuoting(string Strategy, string Reason)
{
    /// <summary>
    /// The strategies that say they never quoted, in configuration order; when the run sent no order at all, every
    /// strategy is listed, with "gave no reason" for those that cannot tell.
    /// </summary>
    public static IReadOnlyList<NotQuoting> Collect(IReadOnlyList<string> names, IReadOnlyList<Strategy?> instances, long ordersSent)
    {
        var list = new List<NotQuoting>();
        for (int i = 0; i < names.Count; i++)
        {
            string? reason = instances[i]?.NotQuotingReason;
            if (reason is not null) list.Add(new NotQuoting(names[i], reason));
            else if (ordersSent == 0) list.Add(new NotQuoting(names[i], instances[i] is null ? "it never started" : "no orders were sent (the strategy gave no reason)"));
        }
        return list;
    }
}
