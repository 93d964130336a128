namespace Hft.Core.Journal;

/// <summary>What replaying a journal rebuilt: the orders to reconcile with the venue and what was counted.</summary>
/// <param name="OpenOrders">Orders open (or unanswered) when the journal ends, in journal order.</param>
/// <param name="Fills">Fills replayed into the state values.</param>
/// <param name="Sessions">Sessions the journal holds.</param>
/// <param name="EndedCleanly">True if the last session wrote its stop record (false: it crashed or was killed).</param>
/// <param name="Snapshots">Each strategy's last saved state, by strategy name (looked up by name, never iterated into output).</param>
public sealed record RecoveredTrading(IReadOnlyList<RecoveredOrder> OpenOrders, long Fills, int Sessions, bool EndedCleanly,
    IReadOnlyDictionary<string, byte[]> Snapshots)
{
    /// <summary>Nothing to recover: no journal, or one without trading.</summary>
    public static RecoveredTrading None { get; } = new([], 0, 0, true, new Dictionary<string, byte[]>());
}
