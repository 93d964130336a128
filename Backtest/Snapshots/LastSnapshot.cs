using Hft.Backtest.Data.Validation;
using Hft.Backtest.Feed;
using Hft.Core.Books;
using Hft.Core.Markets;

namespace Hft.Backtest.Snapshots;

/// <summary>
/// hftbacktest's <c>create_last_snapshot</c>: replays event files on a local book (the rows flagged LOCAL, in file
/// order, as the local side sees them) and gives the book at the end as snapshot rows (<see cref="MarketDepth.Snapshot"/>),
/// for the next day's <c>--initial-snapshot</c> ("end of day becomes start of day"). No actor graph is involved:
/// the rows go straight to <see cref="MarketDepth"/>. Market-by-order rows are checked as in a backtest
/// (<see cref="MarketByOrderValidator"/>).
/// </summary>
public sealed class LastSnapshot
{
    private LastSnapshot(MarketDepth book, long rows, MarketByOrderValidator validator)
    {
        Book = book;
        RowsReplayed = rows;
        Validator = validator;
        Rows = book.Snapshot();
    }

    /// <summary>The book at the end of the data.</summary>
    public MarketDepth Book { get; }

    /// <summary>The snapshot rows (levels, or resting orders for market-by-order data).</summary>
    public MarketEvent[] Rows { get; }

    /// <summary>Rows read from the files.</summary>
    public long RowsReplayed { get; }

    /// <summary>The market-by-order check, with what it skipped.</summary>
    public MarketByOrderValidator Validator { get; }

    /// <summary>Replays <paramref name="files"/> (in order, as one feed) from <paramref name="initial"/> (or an empty book).</summary>
    /// <exception cref="InvalidDataException">The local times of the rows go backwards.</exception>
    /// <exception cref="MarketByOrderDataException">A market-by-order row the reference refuses, under <see cref="DataErrorPolicy.Stop"/>.</exception>
    public static LastSnapshot Create(IReadOnlyList<string> files, double tickSize, double lotSize, MarketEvent[]? initial = null,
        DataErrorPolicy onDataError = DataErrorPolicy.Stop)
    {
        var book = new MarketDepth(tickSize, lotSize);
        var validator = new MarketByOrderValidator(onDataError);
        if (initial is not null)
        {
            book.ApplySnapshot(initial);
            validator.Seed(initial);
        }
        long rows = 0;
        long last = long.MinValue;
        using var source = new ValidatedBlockSource(new FileBlockSource(files), validator);
        while (source.TryTake(out var block))
        {
            var span = block.Rows.AsSpan(block.Start, block.Count);
            for (int i = 0; i < span.Length; i++)
            {
                ref readonly var row = ref span[i];
                if ((row.Flags & EventFlags.Local) == 0) continue;
                if (row.LocalTime < last)
                {
                    throw new InvalidDataException($"{source.Names[block.FileIndex]}: row {block.FileRow + i}: local_ts {row.LocalTime} is earlier than " +
                        $"the previous local row ({last}); rows must be in time order on each timeline (hftbacktest's correct_event_order produces such files).");
                }
                last = row.LocalTime;
                book.Apply(in row);
            }
            rows += block.Count;
            source.Release(in block);
        }
        return new LastSnapshot(book, rows, validator);
    }
}
