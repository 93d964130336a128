using System.Globalization;
using System.Text;
using System.Text.Json;
using Hft.Core.Markets;

using static Hft.Backtest.Conversion.CollectorJson;

namespace Hft.Backtest.Conversion;

/// <summary>
/// Turns one line of a Binance collector file (<c>&lt;19-digit ns receive time&gt; &lt;raw JSON&gt;</c>) into event
/// rows, with the rules of hftbacktest's <c>binancefutures.convert</c> (see <see cref="BinanceVenue"/> for spot):
/// <list type="bullet">
/// <item><c>trade</c> with <c>X == "MARKET"</c> (or no <c>X</c>, as on spot): one
/// <c>TRADE|SELL</c> row if the buyer is the maker (<c>m</c>), else <c>TRADE|BUY</c>; px <c>p</c>, qty <c>q</c>.</item>
/// <item><c>depthUpdate</c>: one <c>DEPTH|BUY</c> row per bid <c>b</c>, then one <c>DEPTH|SELL</c> row per ask
/// <c>a</c>; quantity 0 deletes the level. <c>U</c>, <c>u</c>, <c>pu</c> give no rows (as in the reference); they are
/// kept in <see cref="LastUpdate"/> for the data-quality report.</item>
/// <item>a line without <c>data</c> and with <c>code</c>: a venue error, no rows.</item>
/// <item>a line without <c>data</c> and without <c>code</c>: a REST depth snapshot. For each non-empty side, a
/// <c>DEPTH_CLEAR</c> row whose px is the side's last (furthest) price and qty 0, then one <c>DEPTH_SNAPSHOT</c> row
/// per level.</item>
/// <item>any other stream message (<c>bookTicker</c>, with or without <c>e</c>; mark price; ...): no rows.</item>
/// </list>
/// Rows carry side and kind only; <c>EXCH</c>/<c>LOCAL</c> are added later by <see cref="EventOrderCorrection"/>.
/// <c>local_ts</c> is the line's receive time; <c>exch_ts</c> is a millisecond venue time × 1 000 000.
/// </summary>
/// <remarks>
/// <para>
/// The JSON is read with <see cref="Utf8JsonReader"/> straight from the line's UTF-8 bytes: no document, no strings
/// for keys or numbers, so a line costs no allocation except for venue-error text. Levels are collected first and
/// rows are appended only after the whole line has parsed, so a malformed line adds no rows.
/// </para>
/// <para>
/// Malformed input (no 19-digit time, invalid JSON, a missing or unparsable field that the message's kind needs)
/// throws <see cref="FormatException"/> with a short description; the caller adds the file and line. Fields that the
/// message's kind does not need are not checked (a <c>bookTicker</c>'s <c>b</c> is a string, a trade's is absent).
/// </para>
/// <para>Not thread-safe: one parser per thread.</para>
/// </remarks>
public sealed class BinanceMessageParser
{
    /// <summary>Length of the receive-time prefix, fixed by the collector (hftbacktest slices <c>line[:19]</c>).</summary>
    public const int ReceiveTimeDigits = 19;

    private const long NanosPerMilli = 1_000_000;

    private enum DataType : byte
    {
        Other,
        Trade,
        DepthUpdate,
    }

    private enum ExecutionType : byte
    {
        Absent,
        Market,
        NotMarket,
    }

    // Made once: a method group would allocate a delegate for every line.
    private readonly JsonMessageReader _readMessage;
    private readonly PriceLevels _dataBids = new();
    private readonly PriceLevels _dataAsks = new();
    private readonly PriceLevels _snapshotBids = new();
    private readonly PriceLevels _snapshotAsks = new();
    private readonly byte[] _nameScratch = new byte[16];

    // State of the line being parsed; reset by ParseLine.
    private bool _hasData;
    private bool _hasCode;
    private string? _code;
    private string? _errorMessage;
    private JsonField _snapshotTime;
    private long _latestExchangeTime; // latest exch_ts of any row so far: a spot snapshot's time
    private long _snapshotTimeMs;
    private JsonField _bidsField;
    private JsonField _asksField;

    // State of the 'data' object.
    private DataType _type;
    private JsonField _tField, _eField, _pField, _qField, _mField, _bField, _aField, _firstIdField, _lastIdField, _previousIdField;
    private long _t, _e, _firstId, _lastId, _previousId;
    private double _p, _q;
    private bool _m;
    private ExecutionType _x;

    /// <summary>A parser for messages of <paramref name="venue"/>.</summary>
    public BinanceMessageParser(BinanceVenue venue)
    {
        if (!Enum.IsDefined(venue)) throw new ArgumentOutOfRangeException(nameof(venue));
        Venue = venue;
        _readMessage = ReadMessage;
    }

    /// <summary>The venue whose field rules are applied.</summary>
    public BinanceVenue Venue { get; }

    /// <summary>After a line parsed as <see cref="RawMessageKind.DepthUpdate"/>: its update ids and times.</summary>
    public DepthUpdateIds LastUpdate { get; private set; }

    /// <summary>After a line parsed as <see cref="RawMessageKind.Snapshot"/>: true if it had no time and was given one (spot).</summary>
    public bool LastSnapshotTimeAssigned { get; private set; }

    /// <summary>After a line parsed as <see cref="RawMessageKind.VenueError"/>: its code and message.</summary>
    public string LastVenueError { get; private set; } = "";

    /// <summary>
    /// Parses one line (without its line ending) and appends its rows to <paramref name="rows"/>.
    /// </summary>
    /// <returns>What the line was; rows are appended only for trades, depth updates and snapshots.</returns>
    /// <exception cref="FormatException">The line is malformed; nothing was appended.</exception>
    public RawMessageKind ParseLine(ReadOnlySpan<byte> line, EventRowStore rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Reset();
        long localTime = ReadLine(line, _readMessage);
        return Emit(localTime, rows);
    }

    /// <summary>
    /// Parses one message as it came off a socket (a combined-stream frame, or a REST depth snapshot body), received at
    /// <paramref name="localTime"/>, with the same rules as <see cref="ParseLine"/>: the live gateways turn frames into
    /// exactly the rows <c>convert</c> makes of a recording of them.
    /// </summary>
    /// <returns>What the message was; rows are appended only for trades, depth updates and snapshots.</returns>
    /// <exception cref="FormatException">The message is malformed; nothing was appended.</exception>
    public RawMessageKind ParseMessage(ReadOnlySpan<byte> json, long localTime, EventRowStore rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Reset();
        CollectorJson.ReadMessage(json, _readMessage);
        return Emit(localTime, rows);
    }

    private void Reset()
    {
        _hasData = _hasCode = false;
        _code = _errorMessage = null;
        _snapshotTime = _bidsField = _asksField = JsonField.Absent;
        _type = DataType.Other;
        _tField = _eField = _pField = _qField = _mField = _bField = _aField = JsonField.Absent;
        _firstIdField = _lastIdField = _previousIdField = JsonField.Absent;
        _x = ExecutionType.Absent;
    }

    /// <summary>The top-level object: a combined-stream envelope, a venue error or a REST snapshot.</summary>
    private void ReadMessage(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = PropertyName(ref reader, _nameScratch);
            if (name.SequenceEqual("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    _hasData = true;
                    ReadData(ref reader);
                }
                // 'data': null is treated as absent, as message.get('data') returns None for it.
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw Bad("'data' is not an object");
                }
            }
            else if (name.SequenceEqual("code"u8))
            {
                _hasCode = true;
                reader.Read();
                _code = TokenText(ref reader);
            }
            else if (name.SequenceEqual("msg"u8))
            {
                reader.Read();
                _errorMessage = TokenText(ref reader);
            }
            else if (name.SequenceEqual("T"u8))
            {
                reader.Read();
                _snapshotTime = ReadInteger(ref reader, out _snapshotTimeMs);
            }
            else if (name.SequenceEqual("bids"u8))
            {
                reader.Read();
                _bidsField = ReadLevels(ref reader, _snapshotBids, "bids");
            }
            else if (name.SequenceEqual("asks"u8))
            {
                reader.Read();
                _asksField = ReadLevels(ref reader, _snapshotAsks, "asks");
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>The stream message inside <c>data</c>; keys are single letters and case-sensitive (<c>T</c> ≠ <c>t</c>).</summary>
    private void ReadData(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = PropertyName(ref reader, _nameScratch);
            if (name.SequenceEqual("pu"u8))
            {
                reader.Read();
                _previousIdField = ReadInteger(ref reader, out _previousId);
                continue;
            }
            if (name.Length != 1)
            {
                reader.Skip();
                continue;
            }
            reader.Read();
            switch (name[0])
            {
                case (byte)'e':
                    _type = reader.TokenType != JsonTokenType.String ? DataType.Other
                        : reader.ValueTextEquals("trade"u8) ? DataType.Trade
                        : reader.ValueTextEquals("depthUpdate"u8) ? DataType.DepthUpdate
                        : DataType.Other;
                    reader.Skip();
                    break;
                case (byte)'T':
                    _tField = ReadInteger(ref reader, out _t);
                    break;
                case (byte)'E':
                    _eField = ReadInteger(ref reader, out _e);
                    break;
                case (byte)'p':
                    _pField = ReadNumber(ref reader, out _p);
                    break;
                case (byte)'U':
                    _firstIdField = ReadInteger(ref reader, out _firstId);
                    break;
                case (byte)'u':
                    _lastIdField = ReadInteger(ref reader, out _lastId);
                    break;
                case (byte)'q':
                    _qField = ReadNumber(ref reader, out _q);
                    break;
                case (byte)'m':
                    _mField = reader.TokenType switch
                    {
                        JsonTokenType.True => JsonField.Valid,
                        JsonTokenType.False => JsonField.Valid,
                        _ => JsonField.Invalid,
                    };
                    _m = reader.TokenType == JsonTokenType.True;
                    reader.Skip();
                    break;
                case (byte)'X':
                    // Anything but the string MARKET (liquidation, ADL, or a non-string) is not a market trade.
                    _x = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("MARKET"u8)
                        ? ExecutionType.Market : ExecutionType.NotMarket;
                    reader.Skip();
                    break;
                case (byte)'b':
                    _bField = ReadLevels(ref reader, _dataBids, "b");
                    break;
                case (byte)'a':
                    _aField = ReadLevels(ref reader, _dataAsks, "a");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private RawMessageKind Emit(long localTime, EventRowStore rows)
    {
        if (_hasData)
        {
            switch (_type)
            {
                case DataType.Trade:
                    // As the reference: X is checked first, so a non-market trade is dropped whatever else it holds.
                    if (_x == ExecutionType.NotMarket) return RawMessageKind.NonMarketTrade;
                    long tradeTime = ExchangeTime(_tField, _t, "trade", "T");
                    Require(_pField, "trade", "p", "a number");
                    Require(_qField, "trade", "q", "a number");
                    Require(_mField, "trade", "m", "true or false");
                    // m = buyer is the maker, so the seller took liquidity: a sell-initiated trade.
                    ulong side = _m ? EventFlags.Sell : EventFlags.Buy;
                    rows.Add(new MarketEvent(EventFlags.Trade | side, tradeTime, localTime, _p, _q));
                    _latestExchangeTime = Math.Max(_latestExchangeTime, tradeTime);
                    return RawMessageKind.Trade;
                case DataType.DepthUpdate:
                    long depthTime = Venue == BinanceVenue.Futures
                        ? ExchangeTime(_tField, _t, "depthUpdate", "T")
                        : ExchangeTime(_eField, _e, "depthUpdate", "E");
                    Require(_bField, "depthUpdate", "b", "a list of [price, quantity] pairs");
                    Require(_aField, "depthUpdate", "a", "a list of [price, quantity] pairs");
                    AddLevels(rows, _dataBids, EventFlags.Depth | EventFlags.Buy, depthTime, localTime);
                    AddLevels(rows, _dataAsks, EventFlags.Depth | EventFlags.Sell, depthTime, localTime);
                    _latestExchangeTime = Math.Max(_latestExchangeTime, depthTime);
                    // Update ids only feed the data-quality report, so a message without them still converts.
                    LastUpdate = new DepthUpdateIds(
                        _firstIdField == JsonField.Valid && _lastIdField == JsonField.Valid,
                        _firstId, _lastId, _previousIdField == JsonField.Valid, _previousId, depthTime, localTime);
                    return RawMessageKind.DepthUpdate;
                default:
                    return RawMessageKind.Ignored;
            }
        }
        if (_hasCode)
        {
            LastVenueError = _errorMessage is null ? $"venue error {_code}" : $"venue error {_code}: {_errorMessage}";
            return RawMessageKind.VenueError;
        }
        if (_bidsField == JsonField.Absent && _asksField == JsonField.Absent)
            throw Bad("neither a stream message ('data'), a venue error ('code') nor a depth snapshot ('bids', 'asks')");
        // A spot snapshot carries no time: put it right after the latest exchange time seen so far (its receive
        // time is on the local clock, which would put it early); with nothing before it, its receive time.
        bool timeAssigned = _snapshotTime == JsonField.Absent && Venue == BinanceVenue.Spot;
        long snapshotTime = timeAssigned
            ? (_latestExchangeTime > 0 ? _latestExchangeTime : localTime)
            : ExchangeTime(_snapshotTime, _snapshotTimeMs, "depth snapshot", "T");
        LastSnapshotTimeAssigned = timeAssigned;
        Require(_bidsField, "depth snapshot", "bids", "a list of [price, quantity] pairs");
        Require(_asksField, "depth snapshot", "asks", "a list of [price, quantity] pairs");
        AddSnapshotSide(rows, _snapshotBids, EventFlags.Buy, snapshotTime, localTime);
        AddSnapshotSide(rows, _snapshotAsks, EventFlags.Sell, snapshotTime, localTime);
        return RawMessageKind.Snapshot;
    }

    private static void AddLevels(EventRowStore rows, PriceLevels levels, ulong flags, long exchangeTime, long localTime)
    {
        for (int i = 0; i < levels.Count; i++)
            rows.Add(new MarketEvent(flags, exchangeTime, localTime, levels.Price(i), levels.Quantity(i)));
    }

    /// <summary>
    /// A clear up to the side's furthest price (so levels beyond the snapshot's depth survive, hftbacktest's "natural
    /// refresh"), then the levels as snapshot rows. An empty side adds nothing, not even the clear.
    /// </summary>
    private static void AddSnapshotSide(EventRowStore rows, PriceLevels levels, ulong side, long exchangeTime, long localTime)
    {
        if (levels.Count == 0) return;
        rows.Add(new MarketEvent(EventFlags.DepthClear | side, exchangeTime, localTime, levels.Price(levels.Count - 1), 0));
        AddLevels(rows, levels, EventFlags.DepthSnapshot | side, exchangeTime, localTime);
    }

    private static long ExchangeTime(JsonField field, long milliseconds, string message, string key)
    {
        Require(field, message, key, "an integer");
        if (milliseconds > long.MaxValue / NanosPerMilli || milliseconds < long.MinValue / NanosPerMilli)
            throw Bad($"{message}: '{key}' = {milliseconds} ms is out of range");
        return milliseconds * NanosPerMilli;
    }

    private static void Require(JsonField field, string message, string key, string expected)
    {
        if (field == JsonField.Absent) throw Bad($"{message} without '{key}'");
        if (field == JsonField.Invalid) throw Bad($"{message}: '{key}' is not {expected}");
    }

    private static FormatException Bad(string problem) => CollectorJson.Bad(problem);
}
