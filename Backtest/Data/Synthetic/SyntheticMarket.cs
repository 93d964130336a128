using System.Numerics;
using Hft.Core.Markets;

namespace Hft.Backtest.Data.Synthetic;

/// <summary>
/// Generates a plausible L2 market-data feed, deterministically for a seed, in hftbacktest's event format.
/// Rows are produced on demand by <see cref="Fill"/>, so any number of events can be made in bounded memory.
/// </summary>
/// <remarks>
/// <para>
/// The feed starts with an initial snapshot: a DEPTH_CLEAR row per side (price = the furthest level, as
/// hftbacktest's converters write it), then a DEPTH_SNAPSHOT row for every level, bids best-first then asks
/// best-first. Then come messages, each 1 to 8 rows sharing one exchange time and one local time:
/// depth updates on levels near the touch (quantity changes, deletions, levels re-added);
/// trades at the touch (buyer-initiated at the best ask with BUY, seller-initiated at the best bid with SELL),
/// sometimes larger than the touch quantity, followed by the depth row that shrinks or removes the touch;
/// and moves of a random-walk mid, where the level that would cross is deleted, the level leaving the window on the
/// other side is deleted, and a new level appears at the far end.
/// </para>
/// <para>
/// The book lives in a window of <see cref="SyntheticMarketOptions.Levels"/> ticks per side around a boundary tick
/// (bids below it, asks at or above it), so it can never cross; within a message deletions come before additions,
/// so a book rebuilt row by row from the feed is never crossed either, and always equals the window.
/// </para>
/// <para>
/// Every row has EXCH|LOCAL. Exchange times are non-decreasing with roughly exponential gaps; the feed latency
/// wanders slowly between the configured bounds and local times are clamped to be non-decreasing, so
/// local time &gt; exchange time always holds. Only integer arithmetic and IEEE basic operations are used (no
/// <see cref="Math.Log(double)"/>, whose last bit may differ between C runtimes), so the output is bit-identical
/// everywhere.
/// </para>
/// </remarks>
public sealed class SyntheticMarket
{
    private const ulong Both = EventFlags.Exchange | EventFlags.Local;
    private const ulong BidDepth = Both | EventFlags.Buy | EventFlags.Depth;
    private const ulong AskDepth = Both | EventFlags.Sell | EventFlags.Depth;
    private const int MaxMessageRows = 16; // depth message <= 8 rows; trade <= 3 prints + 1 depth + 4 move rows

    private readonly SyntheticMarketOptions _options;
    private readonly long _levels;
    private readonly long[] _qty;          // lots per tick, ring buffer indexed by tick & _mask; 0 = no level
    private readonly long _mask;
    private readonly double _ticksPerUnit; // 1/TickSize when that is a whole number, else 0
    private readonly double _lotsPerUnit;  // 1/LotSize likewise
    private readonly long _latencyCenter;
    private readonly MarketEvent[] _message = new MarketEvent[MaxMessageRows];
    private readonly int _snapshotRows;
    private Xoshiro256 _rng;
    private long _boundary;                // bids occupy [_boundary - levels, _boundary - 1], asks [_boundary, _boundary + levels - 1]
    private long _bidLevels;
    private long _askLevels;
    private long _exchTime;
    private long _localTime;
    private long _latency;
    private int _messageLength;
    private int _messagePos;
    private long _produced;

    /// <summary>Creates a generator positioned before the first row.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SyntheticMarket(SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Events, nameof(options.Events));
        if (!(options.TickSize > 0) || !double.IsFinite(options.TickSize)) throw new ArgumentOutOfRangeException(nameof(options), "TickSize must be positive.");
        if (!(options.LotSize > 0) || !double.IsFinite(options.LotSize)) throw new ArgumentOutOfRangeException(nameof(options), "LotSize must be positive.");
        if (options.Levels < 1 || options.Levels > 1_000_000) throw new ArgumentOutOfRangeException(nameof(options), "Levels must be in 1..1000000.");
        if (options.MeanGapNanos < 0) throw new ArgumentOutOfRangeException(nameof(options), "MeanGapNanos must not be negative.");
        if (options.MoveTicks < 1 || options.MoveTicks > options.Levels) throw new ArgumentOutOfRangeException(nameof(options), "MoveTicks must be in 1..Levels.");
        if (options.MinLatencyNanos < 1 || options.MaxLatencyNanos < options.MinLatencyNanos)
            throw new ArgumentOutOfRangeException(nameof(options), "Latency bounds must satisfy 1 <= MinLatencyNanos <= MaxLatencyNanos.");
        long startTick = (long)Math.Round(options.StartPrice / options.TickSize, MidpointRounding.AwayFromZero);
        if (startTick <= options.Levels) throw new ArgumentOutOfRangeException(nameof(options), "StartPrice must be more than Levels ticks above zero.");

        _options = options;
        _levels = options.Levels;
        _rng = new Xoshiro256(options.Seed);
        _ticksPerUnit = WholeInverse(options.TickSize);
        _lotsPerUnit = WholeInverse(options.LotSize);
        // The ring must hold the window plus the tick entering it while another leaves, without aliasing.
        int ring = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * options.Levels + 8));
        _qty = new long[ring];
        _mask = ring - 1;
        _snapshotRows = 2 + 2 * options.Levels;

        _boundary = startTick;
        for (long d = 0; d < _levels; d++)
        {
            Set(_boundary - 1 - d, SampleQty(d));
            Set(_boundary + d, SampleQty(d));
        }
        _bidLevels = _askLevels = _levels;
        _latencyCenter = options.MinLatencyNanos + (options.MaxLatencyNanos - options.MinLatencyNanos) / 2;
        _latency = _latencyCenter;
        _exchTime = options.StartTime;
        _localTime = options.StartTime + _latency;
    }

    /// <summary>The options this generator was made with.</summary>
    public SyntheticMarketOptions Options => _options;

    /// <summary>Rows produced so far.</summary>
    public long Produced => _produced;

    /// <summary>Rows still to come.</summary>
    public long Remaining => _options.Events - _produced;

    /// <summary>
    /// Writes the next rows into <paramref name="destination"/> (as many as fit and remain) and returns how many;
    /// 0 once <see cref="SyntheticMarketOptions.Events"/> rows have been produced. Allocates nothing.
    /// </summary>
    public int Fill(Span<MarketEvent> destination)
    {
        int written = 0;
        while (written < destination.Length && _produced < _options.Events)
        {
            if (_produced < _snapshotRows)
            {
                destination[written++] = SnapshotRow((int)_produced);
                _produced++;
                continue;
            }
            if (_messagePos == _messageLength) NextMessage();
            int n = (int)Math.Min(Math.Min(_messageLength - _messagePos, destination.Length - written), _options.Events - _produced);
            _message.AsSpan(_messagePos, n).CopyTo(destination[written..]);
            _messagePos += n;
            written += n;
            _produced += n;
        }
        return written;
    }

    /// <summary>
    /// Generates <see cref="SyntheticMarketOptions.Events"/> rows straight into an event file, in chunks.
    /// </summary>
    /// <param name="path">Target file (<c>.npz</c>, or <c>.npy</c> for a bare array).</param>
    /// <param name="options">What to generate.</param>
    /// <param name="compress">Deflate the zip entry.</param>
    /// <param name="progress">Receives the number of rows written so far after each chunk.</param>
    /// <exception cref="EventFileException">The file cannot be written.</exception>
    public static void WriteFile(string path, SyntheticMarketOptions options, bool compress = true, IProgress<long>? progress = null)
    {
        var market = new SyntheticMarket(options);
        var buffer = GC.AllocateUninitializedArray<MarketEvent>((int)Math.Min(1 << 16, Math.Max(1, options.Events)));
        using var writer = new EventFileWriter(path, options.Events, compress);
        int n;
        while ((n = market.Fill(buffer)) > 0)
        {
            writer.Write(buffer.AsSpan(0, n));
            progress?.Report(writer.Written);
        }
    }

    private MarketEvent SnapshotRow(int k)
    {
        long exch = _options.StartTime, local = _localTime;
        if (k == 0) return new MarketEvent(Both | EventFlags.Buy | EventFlags.DepthClear, exch, local, Price(_boundary - _levels), 0);
        if (k == 1) return new MarketEvent(Both | EventFlags.Sell | EventFlags.DepthClear, exch, local, Price(_boundary + _levels - 1), 0);
        long level = k - 2;
        if (level < _levels)
        {
            long tick = _boundary - 1 - level;
            return new MarketEvent(Both | EventFlags.Buy | EventFlags.DepthSnapshot, exch, local, Price(tick), Quantity(Get(tick)));
        }
        else
        {
            long tick = _boundary + (level - _levels);
            return new MarketEvent(Both | EventFlags.Sell | EventFlags.DepthSnapshot, exch, local, Price(tick), Quantity(Get(tick)));
        }
    }

    private void NextMessage()
    {
        AdvanceClock();
        _messageLength = 0;
        _messagePos = 0;
        // Message mix: ~62% depth updates, ~25% trades, ~13% mid moves.
        double r = _rng.NextDouble();
        if (r < 0.62) DepthUpdates();
        else if (r < 0.87) { if (!TryTrade()) DepthUpdates(); }
        else
        {
            // Moves persist (a move repeats the last direction 3 times in 4): short trends, as real mids show,
            // so a market maker's quotes a few dozen ticks away do get reached.
            _lastMove = _lastMove != 0 && _rng.Chance(0.75) ? _lastMove : (_rng.Chance(0.5) ? 1 : -1);
            for (int k = 0; k < _options.MoveTicks; k++) Move(_lastMove);
        }
    }

    private int _lastMove;

    /// <summary>1..8 depth rows on levels near the touch.</summary>
    private void DepthUpdates()
    {
        int rows = 1;
        while (rows < 8 && _rng.Chance(0.45)) rows++;
        for (int i = 0; i < rows; i++)
        {
            bool bid = _rng.Chance(0.5);
            long d = SampleDistance();
            long tick = bid ? _boundary - 1 - d : _boundary + d;
            long current = Get(tick);
            long next;
            if (current == 0)
            {
                next = SampleQty(d); // level re-added
            }
            else if ((bid ? _bidLevels : _askLevels) > 1 && _rng.Chance(0.12))
            {
                next = 0; // level deleted (never the last one of a side)
            }
            else
            {
                long delta = 1 + _rng.NextBelow(current / 2 + 5);
                next = _rng.Chance(0.5) ? current + delta : current - delta;
                if (next < 1) next = 1 + _rng.NextBelow(5);
            }
            SetLevel(bid, tick, next);
        }
    }

    /// <summary>
    /// A trade at the touch, 1-3 prints, then the depth row that shrinks or removes the touch level; after a sweep the
    /// mid often follows the aggressor. Returns false (emitting nothing) if the touch is too thin to trade without
    /// emptying the side.
    /// </summary>
    private bool TryTrade()
    {
        bool buyerInitiated = _rng.Chance(0.5);
        long touch = buyerInitiated ? BestAsk() : BestBid();
        long touchQty = Get(touch);
        bool sideHasMore = (buyerInitiated ? _askLevels : _bidLevels) > 1;
        long total;
        bool sweep = sideHasMore && _rng.Chance(0.12);
        if (sweep)
            total = touchQty + 1 + _rng.NextBelow(20); // more than the touch: it is consumed
        else if (touchQty > 1)
            total = 1 + _rng.NextBelow(Math.Min(touchQty - 1, 25));
        else
            return false;

        ulong flags = Both | EventFlags.Trade | (buyerInitiated ? EventFlags.Buy : EventFlags.Sell);
        double price = Price(touch);
        int prints = _rng.Chance(0.15) ? 2 + (int)_rng.NextBelow(2) : 1;
        if (prints > total) prints = (int)total;
        long left = total;
        for (int i = prints - 1; i >= 0; i--)
        {
            long part = i == 0 ? left : 1 + _rng.NextBelow(left - i);
            Emit(flags, price, Quantity(part));
            left -= part;
        }
        SetLevel(!buyerInitiated, touch, Math.Max(0, touchQty - total));
        if (sweep && _rng.Chance(0.5)) Move(buyerInitiated ? 1 : -1);
        return true;
    }

    /// <summary>
    /// Moves the bid/ask boundary one tick. Deletions first (the level that would cross, the level leaving the window),
    /// then additions (the new far level, maybe a new level at the new touch), so the rebuilt book never crosses.
    /// </summary>
    private void Move(int direction)
    {
        if (direction > 0)
        {
            long flipping = _boundary;                 // lowest ask slot becomes the highest bid slot
            SetLevel(false, flipping, 0);
            SetLevel(true, _boundary - _levels, 0);    // lowest bid leaves the window
            _boundary++;
            SetLevel(false, _boundary + _levels - 1, SampleQty(_levels - 1));
            if (_bidLevels == 0 || _rng.Chance(0.7)) SetLevel(true, flipping, SampleQty(0));
        }
        else
        {
            long flipping = _boundary - 1;             // highest bid slot becomes the lowest ask slot
            SetLevel(true, flipping, 0);
            SetLevel(false, _boundary + _levels - 1, 0);
            _boundary--;
            SetLevel(true, _boundary - _levels, SampleQty(_levels - 1));
            if (_askLevels == 0 || _rng.Chance(0.7)) SetLevel(false, flipping, SampleQty(0));
        }
    }

    /// <summary>Sets a level and emits its depth row, unless nothing changes (deleting an empty level).</summary>
    private void SetLevel(bool bid, long tick, long lots)
    {
        long old = Get(tick);
        if (old == 0 && lots == 0) return;
        Set(tick, lots);
        long change = (lots != 0 ? 1 : 0) - (old != 0 ? 1 : 0);
        if (bid) _bidLevels += change;
        else _askLevels += change;
        Emit(bid ? BidDepth : AskDepth, Price(tick), Quantity(lots));
    }

    private void Emit(ulong flags, double price, double quantity) =>
        _message[_messageLength++] = new MarketEvent(flags, _exchTime, _localTime, price, quantity);

    private long BestBid()
    {
        long tick = _boundary - 1;
        while (Get(tick) == 0) tick--; // a side always keeps at least one level
        return tick;
    }

    private long BestAsk()
    {
        long tick = _boundary;
        while (Get(tick) == 0) tick++;
        return tick;
    }

    /// <summary>
    /// Next message time: the exchange clock advances by a gap that is exponential in shape (geometric whole part
    /// from leading zero bits plus a uniform fraction, normalised to the configured mean); the latency takes a small
    /// mean-reverting step and is clamped to its bounds; local time never goes backwards.
    /// </summary>
    private void AdvanceClock()
    {
        int whole = BitOperations.LeadingZeroCount(_rng.Next());
        double units = (whole + _rng.NextDouble()) / 1.5; // E[whole] = 1, E[fraction] = 0.5
        _exchTime += (long)(units * _options.MeanGapNanos);

        // Steps of up to 2% of the latency range with a weak pull to the centre: the latency wanders over most of
        // the range within seconds of feed time, yet changes little from one message to the next.
        long spread = _options.MaxLatencyNanos - _options.MinLatencyNanos;
        long step = spread / 50 + 1;
        _latency += _rng.NextBelow(2 * step + 1) - step + (_latencyCenter - _latency) / 512;
        _latency = Math.Clamp(_latency, _options.MinLatencyNanos, _options.MaxLatencyNanos);
        _localTime = Math.Max(_localTime, _exchTime + _latency);
    }

    /// <summary>Distance from the touch slot: geometric, mostly the first few levels.</summary>
    private long SampleDistance()
    {
        long d = 0;
        while (d < _levels - 1 && _rng.Chance(0.7)) d++;
        return d;
    }

    /// <summary>Level size in lots: grows with distance from the touch, with the odd large resting order.</summary>
    private long SampleQty(long distance)
    {
        long lots = 1 + _rng.NextBelow(100 + 30 * Math.Min(distance, 20));
        if (_rng.Chance(1.0 / 16)) lots += _rng.NextBelow(2000);
        return lots;
    }

    private long Get(long tick) => _qty[tick & _mask];

    private void Set(long tick, long lots) => _qty[tick & _mask] = lots;

    // Dividing by a whole number gives the double nearest the decimal value (e.g. 60000.1), as a converter parsing
    // the exchange's text would; multiplying by 0.1 would give 60000.100000000006.
    private double Price(long tick) => _ticksPerUnit > 0 ? tick / _ticksPerUnit : tick * _options.TickSize;

    private double Quantity(long lots) => _lotsPerUnit > 0 ? lots / _lotsPerUnit : lots * _options.LotSize;

    private static double WholeInverse(double step)
    {
        double inverse = Math.Round(1 / step);
        return inverse >= 1 && Math.Abs(1 / step - inverse) < 1e-9 * inverse ? inverse : 0;
    }
}
