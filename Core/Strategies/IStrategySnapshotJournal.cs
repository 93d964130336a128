namespace Hft.Core.Strategies;

/// <summary>Where a strategy's saved state goes (a live session's journal), to be handed back to it after a restart.</summary>
public interface IStrategySnapshotJournal
{
    /// <summary>The largest state a strategy may save (it must fit one journal record).</summary>
    public const int MaxStateBytes = 60_000;

    /// <summary>Strategy <paramref name="strategy"/> saved <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">The state is larger than <see cref="MaxStateBytes"/>.</exception>
    void OnStrategySnapshot(string strategy, ReadOnlySpan<byte> state, long localTime);
}
