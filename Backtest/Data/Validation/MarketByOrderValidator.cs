using System.Globalization;
using Hft.Core.Markets;
using Hft.Core.Time;

namespace Hft.Backtest.Data.Validation;

/// <summary>
/// Keeps market-by-order data strict, as the reference's L3 book is: an add of an order id already resting, or a
/// cancel, modify or fill of an id that is not resting, is an error. Each timeline (exchange, local) has its own
/// book, so each keeps its own set of resting ids and checks the rows flagged for it, in file order (which is time
/// order on each timeline). Under <see cref="DataErrorPolicy.Stop"/> the first bad row throws
/// <see cref="MarketByOrderDataException"/>; under <see cref="DataErrorPolicy.Skip"/> the row loses the flag of every
/// timeline it is bad on (so that book never sees it), and it is counted. Either way the books and the L3 exchange's
/// queues stay as they were. Rows of L2 data pass with one comparison each.
/// </summary>
public sealed class MarketByOrderValidator
{
    /// <summary>How many skipped rows are kept for the report.</summary>
    public const int ExampleLimit = 5;

    private readonly OrderIds _exchange = new();
    private readonly OrderIds _local = new();
    private readonly long[] _counts = new long[5];
    private readonly List<string> _examples = new();

    /// <summary>Creates a validator with no resting orders.</summary>
    public MarketByOrderValidator(DataErrorPolicy policy) => Policy = policy;

    /// <summary>What happens to a bad row.</summary>
    public DataErrorPolicy Policy { get; }

    /// <summary>Rows left out so far (<see cref="DataErrorPolicy.Skip"/>).</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Rows left out for one reason.</summary>
    public long Skipped(MarketByOrderProblem problem) => _counts[(int)problem];

    /// <summary>The first <see cref="ExampleLimit"/> rows left out, each described as the error line would be.</summary>
    public IReadOnlyList<string> Examples => _examples;

    /// <summary>Takes resting orders as given (an initial snapshot's add rows) on both timelines.</summary>
    public void Seed(ReadOnlySpan<MarketEvent> rows)
    {
        foreach (ref readonly var row in rows)
        {
            if ((row.Flags & 0xFF) != EventFlags.AddOrder) continue;
            _exchange.Apply(in row);
            _local.Apply(in row);
        }
    }

    /// <summary>
    /// Checks one row (<paramref name="file"/> and <paramref name="rowIndex"/> only name it in messages), and under
    /// <see cref="DataErrorPolicy.Skip"/> clears the timeline flags it is bad on.
    /// </summary>
    public void Check(ref MarketEvent row, string file, long rowIndex)
    {
        ulong kind = row.Flags & 0xFF;
        bool orderRow = kind - EventFlags.AddOrder <= EventFlags.Fill - EventFlags.AddOrder;
        if (!orderRow && !(kind == EventFlags.DepthClear && (_exchange.Count > 0 || _local.Count > 0))) return;
        var exchange = (row.Flags & EventFlags.Exchange) != 0 ? _exchange.Apply(in row) : MarketByOrderProblem.None;
        var local = (row.Flags & EventFlags.Local) != 0 ? _local.Apply(in row) : MarketByOrderProblem.None;
        if (exchange == MarketByOrderProblem.None && local == MarketByOrderProblem.None) return;
        var problem = exchange != MarketByOrderProblem.None ? exchange : local;
        string line = Describe(problem, in row, file, rowIndex);
        if (Policy == DataErrorPolicy.Stop)
            throw new MarketByOrderDataException(line + "; the book is left unchanged and the run stops (--on-data-error skip leaves such rows out and goes on)");
        ulong flags = row.Flags;
        if (exchange != MarketByOrderProblem.None) flags &= ~EventFlags.Exchange;
        if (local != MarketByOrderProblem.None) flags &= ~EventFlags.Local;
        row = row.WithFlags(flags);
        SkippedRows++;
        _counts[(int)problem]++;
        if (_examples.Count < ExampleLimit) _examples.Add(line);
    }

    /// <summary>One line for the summary: how many rows were left out, by reason; empty when none were.</summary>
    public string Summary()
    {
        if (SkippedRows == 0) return "";
        var parts = new List<string>();
        void Part(MarketByOrderProblem p, string what)
        {
            long n = _counts[(int)p];
            if (n > 0) parts.Add(n.ToString("N0", CultureInfo.InvariantCulture) + " " + what);
        }
        Part(MarketByOrderProblem.DuplicateAdd, "add(s) of a resting id");
        Part(MarketByOrderProblem.UnknownCancel, "cancel(s) of an unknown id");
        Part(MarketByOrderProblem.UnknownModify, "modify(s) of an unknown id");
        Part(MarketByOrderProblem.UnknownFill, "fill(s) of an unknown id");
        return string.Join(", ", parts);
    }

    /// <summary>The key of a reason in JSON output.</summary>
    public static string KeyOf(MarketByOrderProblem problem) => problem switch
    {
        MarketByOrderProblem.DuplicateAdd => "duplicate_add",
        MarketByOrderProblem.UnknownCancel => "unknown_cancel",
        MarketByOrderProblem.UnknownModify => "unknown_modify",
        MarketByOrderProblem.UnknownFill => "unknown_fill",
        _ => "none",
    };

    private static string Describe(MarketByOrderProblem problem, in MarketEvent row, string file, long rowIndex)
    {
        var c = CultureInfo.InvariantCulture;
        string what = problem switch
        {
            MarketByOrderProblem.DuplicateAdd => $"add of order id {row.OrderId.ToString(c)}, which is already resting",
            MarketByOrderProblem.UnknownCancel => $"cancel of order id {row.OrderId.ToString(c)}, which is not resting",
            MarketByOrderProblem.UnknownModify => $"modify of order id {row.OrderId.ToString(c)}, which is not resting",
            _ => $"fill of order id {row.OrderId.ToString(c)}, which is not resting",
        };
        return $"{file}: row {rowIndex.ToString(c)}: exch_ts {row.ExchangeTime.ToString(c)} ({Nanos.Format(row.ExchangeTime)}): {what}";
    }

    /// <summary>The resting order ids of one timeline's book, by side (a clear empties one side at once).</summary>
    private sealed class OrderIds
    {
        private readonly HashSet<ulong> _bids = new();
        private readonly HashSet<ulong> _asks = new();

        public int Count => _bids.Count + _asks.Count;

        private bool Contains(ulong id) => _bids.Contains(id) || _asks.Contains(id);

        /// <summary>Applies the row if it can be applied; otherwise changes nothing and says why.</summary>
        public MarketByOrderProblem Apply(in MarketEvent row)
        {
            ulong kind = row.Flags & 0xFF;
            ulong id = row.OrderId;
            if (kind == EventFlags.AddOrder)
            {
                // A sideless add changes no book (MarketDepth ignores it), so it is not an order here either.
                var side = (row.Flags & EventFlags.Buy) != 0 ? _bids : (row.Flags & EventFlags.Sell) != 0 ? _asks : null;
                if (side is null) return MarketByOrderProblem.None;
                if (Contains(id)) return MarketByOrderProblem.DuplicateAdd;
                side.Add(id);
                return MarketByOrderProblem.None;
            }
            if (kind == EventFlags.CancelOrder)
                return _bids.Remove(id) || _asks.Remove(id) ? MarketByOrderProblem.None : MarketByOrderProblem.UnknownCancel;
            if (kind == EventFlags.ModifyOrder) return Contains(id) ? MarketByOrderProblem.None : MarketByOrderProblem.UnknownModify;
            if (kind == EventFlags.Fill) return Contains(id) ? MarketByOrderProblem.None : MarketByOrderProblem.UnknownFill;
            if (kind == EventFlags.DepthClear)
            {
                if ((row.Flags & EventFlags.Buy) != 0) _bids.Clear();
                else if ((row.Flags & EventFlags.Sell) != 0) _asks.Clear();
                else
                {
                    _bids.Clear();
                    _asks.Clear();
                }
            }
            return MarketByOrderProblem.None;
        }
    }
}
