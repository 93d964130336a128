using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// hftbacktest's <c>validate_event_order</c>: <c>exch_ts</c> never decreases over the rows flagged <c>EXCH</c>, and
/// <c>local_ts</c> never decreases over the rows flagged <c>LOCAL</c>; the two processors rely on it.
/// </summary>
/// <remarks>
/// Streaming: feed consecutive pieces of a file to <see cref="Check"/>, so a file of any size is validated in one
/// pass without holding it. The reference only says which timeline is wrong; the message here also names the row
/// (0-based), its flags, the two timestamps and the earlier row it goes back behind.
/// </remarks>
public sealed class EventOrderValidation
{
    private long _lastExchangeTime = long.MinValue;
    private long _lastExchangeRow = -1;
    private long _lastLocalTime = long.MinValue;
    private long _lastLocalRow = -1;

    /// <summary>Rows checked so far.</summary>
    public long RowsChecked { get; private set; }

    /// <summary>Checks the next rows of the sequence.</summary>
    /// <exception cref="InvalidDataException">A row goes back in time on its timeline.</exception>
    public void Check(ReadOnlySpan<MarketEvent> rows)
    {
        long index = RowsChecked;
        foreach (ref readonly var row in rows)
        {
            if ((row.Flags & EventFlags.Exchange) != 0)
            {
                if (row.ExchangeTime < _lastExchangeTime) throw OutOfOrder(index, row, exchange: true);
                _lastExchangeTime = row.ExchangeTime;
                _lastExchangeRow = index;
            }
            if ((row.Flags & EventFlags.Local) != 0)
            {
                if (row.LocalTime < _lastLocalTime) throw OutOfOrder(index, row, exchange: false);
                _lastLocalTime = row.LocalTime;
                _lastLocalRow = index;
            }
            index++;
        }
        RowsChecked = index;
    }

    /// <summary>Checks a whole sequence.</summary>
    /// <exception cref="InvalidDataException">A row goes back in time on its timeline.</exception>
    public static void Validate(ReadOnlySpan<MarketEvent> rows) => new EventOrderValidation().Check(rows);

    private InvalidDataException OutOfOrder(long index, in MarketEvent row, bool exchange)
    {
        // InvalidDataException: the data, not the program, is at fault (front ends report it as a user error).
        string side = exchange ? "exchange" : "local";
        string flag = exchange ? "EXCH" : "LOCAL";
        long time = exchange ? row.ExchangeTime : row.LocalTime;
        long previous = exchange ? _lastExchangeTime : _lastLocalTime;
        long previousRow = exchange ? _lastExchangeRow : _lastLocalRow;
        return new InvalidDataException(
            $"{side} events are out of order: row {index} ({EventFlags.Describe(row.Flags)}) has {(exchange ? "exch_ts" : "local_ts")} {time}, " +
            $"earlier than {previous} of row {previousRow}, the previous {flag} row");
    }
}
