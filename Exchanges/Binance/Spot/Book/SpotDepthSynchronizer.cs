using Hft.Backtest.Conversion;
using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Spot.Book;

/// <summary>
/// Keeps one instrument's local book in step with Binance spot's diff-depth stream, by the venue's procedure
/// (exchange-protocols 2.3), whose rules differ from futures' (4.1, 4.2): ids are contiguous (<c>U == previous u + 1</c>,
/// there is no <c>pu</c>); buffered events with <c>u &lt;= lastUpdateId</c> are dropped; a snapshot older than the first
/// buffered event (<c>lastUpdateId &lt; U</c>) is taken again; after that an event with <c>u</c> below the book's id is old
/// and ignored, and one with <c>U</c> above the book's id + 1 means events were missed: start over.
/// </summary>
public sealed class SpotDepthSynchronizer(int instrument, IDepthRowTarget target) : DepthSynchronizer(instrument, target)
{
    /// <inheritdoc />
    public override void OnDiff(in DepthUpdateIds ids, ReadOnlySpan<MarketEvent> rows)
    {
        if (IsSynced)
        {
            if (ids.LastId <= LastUpdateId) return;
            if (ids.FirstId <= LastUpdateId + 1)
            {
                Apply(rows);
                LastUpdateId = ids.LastId;
                return;
            }
            Resync($"gap: U {ids.FirstId} after u {LastUpdateId}");
        }
        BufferDiff(in ids, rows);
    }

    /// <inheritdoc />
    protected override void TryComplete()
    {
        if (SnapshotRows is null || Buffer.Count == 0) return;
        long snapshotId = SnapshotId;
        if (snapshotId < Buffer[0].FirstId)
        {
            // Older than the first event received: the events in between are unknown.
            TakeAnotherSnapshot();
            return;
        }
        Buffer.RemoveAll(b => b.LastId <= snapshotId);
        ApplySnapshot();
        IsSynced = true;
        var pending = Buffer.ToArray();
        Buffer.Clear();
        foreach (var diff in pending)
        {
            OnDiff(new DepthUpdateIds(true, diff.FirstId, diff.LastId, false, 0, 0, 0), diff.Rows);
            if (!IsSynced) return;
        }
    }
}
