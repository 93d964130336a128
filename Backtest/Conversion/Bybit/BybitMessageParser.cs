using System.Text.Json;
using Hft.Core.Markets;
using static Hft.Backtest.Conversion.CollectorJson;

namespace Hft.Backtest.Conversion.Bybit;

/// <summary>
/// Turns one line of a Bybit collector file (<c>&lt;19-digit ns receive time&gt; &lt;raw JSON&gt;</c>, Bybit v5 public
/// stream messages) into event rows, with the rules of hftbacktest's <c>bybit.convert</c>:
/// <list type="bullet">
/// <item><c>orderbook.{depth}.{symbol}</c> <c>snapshot</c>: for each non-empty side a <c>DEPTH_CLEAR</c> row up to the
/// side's last (furthest) price, then one <c>DEPTH_SNAPSHOT</c> row per level; <c>delta</c>: one <c>DEPTH</c> row per
/// bid <c>b</c>, then per ask <c>a</c> (size 0 deletes). <c>exch_ts</c> = the message's <c>ts</c> (ms).</item>
/// <item><c>publicTrade.{symbol}</c>: one <c>TRADE</c> row per element of <c>data</c>, <c>SELL</c> when the taker side
/// <c>S</c> is <c>Sell</c>, else <c>BUY</c>; px <c>p</c>, qty <c>v</c>, <c>exch_ts</c> = the trade's <c>T</c> (the
/// message's <c>ts</c> when absent).</item>
/// <item>a message without <c>data</c>: a venue error if it has <c>code</c> (as the reference prints) or
/// <c>success: false</c>, otherwise ignored (pongs, subscription answers).</item>
/// </list>
/// Every depth topic is converted, as in the reference (its collector records <c>orderbook.1</c>, <c>.50</c> and
/// <c>.500</c>), unless <see cref="Depth"/> picks one. Keys may come in any order (Bybit's differ by depth), so
/// <c>data</c> is read into scratch buffers first and rows are made once the whole message has parsed: a malformed
/// line adds no rows. Unlike the reference, which defaults missing fields to 0, a missing <c>ts</c>, price or size
/// is an error.
/// </summary>
/// <remarks>Not thread-safe: one parser per thread. A line costs no allocation except for error text.</remarks>
public sealed class BybitMessageParser
{
    private const long NanosPerMilli = 1_000_000;
    private const int MaxTrades = 4096;

    private enum Topic : byte
    {
        None,
        OrderBook,
        Trade,
        Other,
    }

    private enum BookType : byte
    {
        Other,
        Snapshot,
        Delta,
    }

    // Made once: a method group would allocate a delegate for every line.
    private readonly JsonMessageReader _readMessage;
    private readonly PriceLevels _bids = new();
    private readonly PriceLevels _asks = new();
    private readonly byte[] _nameScratch = new byte[16];
    private readonly long[] _tradeTime = new long[MaxTrades];
    private readonly double[] _tradePrice = new double[MaxTrades];
    private readonly double[] _tradeQuantity = new double[MaxTrades];
    private readonly bool[] _tradeSell = new bool[MaxTrades];
    private readonly bool[] _tradeHasTime = new bool[MaxTrades];

    private Topic _topic;
    private int _topicDepth;
    private BookType _type;
    private JsonField _tsField, _uField, _bField, _aField;
    private long _ts, _u;
    private bool _hasData, _dataIsArray, _hasCode, _failed;
    private string? _code, _message;
    private int _trades;

    /// <summary>A parser for every topic of the v5 public stream.</summary>
    public BybitMessageParser() => _readMessage = ReadMessage;

    /// <summary>Only <c>orderbook.{Depth}.*</c> topics give rows (others count as <see cref="BybitMessageKind.OtherDepth"/>); null: every depth.</summary>
    public int? Depth { get; init; }

    /// <summary>After a depth message: the topic's depth (1, 50, 500, ...).</summary>
    public int LastDepth { get; private set; }

    /// <summary>After a depth message: its update id <c>u</c> and times, for gap detection.</summary>
    public DepthUpdateIds LastUpdate { get; private set; }

    /// <summary>After a <see cref="BybitMessageKind.VenueError"/>: its text.</summary>
    public string LastVenueError { get; private set; } = "";

    /// <summary>Parses one line (without its line ending) and appends its rows to <paramref name="rows"/>.</summary>
    /// <exception cref="FormatException">The line is malformed; nothing was appended.</exception>
    public BybitMessageKind ParseLine(ReadOnlySpan<byte> line, EventRowStore rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Reset();
        long localTime = ReadLine(line, _readMessage);
        return Emit(localTime, rows);
    }

    /// <summary>
    /// Parses one message as the stream delivered it (no collector prefix), received at <paramref name="localTime"/>
    /// (ns), and appends its rows: the live gateway's path, with exactly the rows <c>convert</c> makes of a recording.
    /// </summary>
    /// <exception cref="FormatException">The message is malformed; nothing was appended.</exception>
    public BybitMessageKind ParseMessage(ReadOnlySpan<byte> json, long localTime, EventRowStore rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Reset();
        CollectorJson.ReadMessage(json, _readMessage);
        return Emit(localTime, rows);
    }

    private void Reset()
    {
        _topic = Topic.None;
        _topicDepth = 0;
        _type = BookType.Other;
        _tsField = _uField = _bField = _aField = JsonField.Absent;
        _hasData = _dataIsArray = _hasCode = _failed = false;
        _code = _message = null;
        _trades = 0;
    }

    private void ReadMessage(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = PropertyName(ref reader, _nameScratch);
            reader.Read();
            if (name.SequenceEqual("topic"u8)) ReadTopic(ref reader);
            else if (name.SequenceEqual("type"u8))
            {
                _type = reader.TokenType != JsonTokenType.String ? BookType.Other
                    : reader.ValueTextEquals("snapshot"u8) ? BookType.Snapshot
                    : reader.ValueTextEquals("delta"u8) ? BookType.Delta
                    : BookType.Other;
                reader.Skip();
            }
            else if (name.SequenceEqual("ts"u8)) _tsField = ReadInteger(ref reader, out _ts);
            else if (name.SequenceEqual("data"u8))
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    _hasData = true;
                    ReadBook(ref reader);
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    _hasData = _dataIsArray = true;
                    ReadTrades(ref reader);
                }
                else if (reader.TokenType == JsonTokenType.Null) { }
                else
                {
                    // Present but neither an object nor a list: the reference would still see data; nothing to convert.
                    _hasData = true;
                    reader.Skip();
                }
            }
            else if (name.SequenceEqual("code"u8))
            {
                _hasCode = true;
                _code = TokenText(ref reader);
            }
            else if (name.SequenceEqual("success"u8))
            {
                _failed = reader.TokenType == JsonTokenType.False;
                reader.Skip();
            }
            else if (name.SequenceEqual("msg"u8) || name.SequenceEqual("ret_msg"u8)) _message = TokenText(ref reader);
            else reader.Skip();
        }
    }

    /// <summary><c>orderbook.{depth}.{symbol}</c> or <c>publicTrade.{symbol}</c>; anything else converts to nothing.</summary>
    private void ReadTopic(ref Utf8JsonReader reader)
    {
        _topic = Topic.Other;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            reader.Skip();
            return;
        }
        ReadOnlySpan<byte> topic = reader.ValueSpan;
        if (topic.StartsWith("publicTrade."u8)) _topic = Topic.Trade;
        else if (topic.StartsWith("orderbook."u8))
        {
            ReadOnlySpan<byte> rest = topic["orderbook."u8.Length..];
            int dot = rest.IndexOf((byte)'.');
            if (dot > 0 && System.Buffers.Text.Utf8Parser.TryParse(rest[..dot], out int depth, out int consumed) && consumed == dot)
            {
                _topic = Topic.OrderBook;
                _topicDepth = depth;
            }
            else
            {
                throw Bad($"topic '{System.Text.Encoding.UTF8.GetString(topic)}' is not orderbook.{{depth}}.{{symbol}}");
            }
        }
    }

    private void ReadBook(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = PropertyName(ref reader, _nameScratch);
            reader.Read();
            if (name.SequenceEqual("b"u8)) _bField = ReadLevels(ref reader, _bids, "b");
            else if (name.SequenceEqual("a"u8)) _aField = ReadLevels(ref reader, _asks, "a");
            else if (name.SequenceEqual("u"u8)) _uField = ReadInteger(ref reader, out _u);
            else reader.Skip();
        }
    }

    private void ReadTrades(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int k = _trades;
            if (reader.TokenType != JsonTokenType.StartObject) throw Bad($"publicTrade: data[{k}] is not an object");
            if (k == MaxTrades) throw Bad($"publicTrade: more than {MaxTrades} trades in one message");
            JsonField time = JsonField.Absent, price = JsonField.Absent, size = JsonField.Absent, side = JsonField.Absent;
            bool sell = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> name = PropertyName(ref reader, _nameScratch);
                reader.Read();
                if (name.SequenceEqual("T"u8)) time = ReadInteger(ref reader, out _tradeTime[k]);
                else if (name.SequenceEqual("p"u8)) price = ReadNumber(ref reader, out _tradePrice[k]);
                else if (name.SequenceEqual("v"u8)) size = ReadNumber(ref reader, out _tradeQuantity[k]);
                else if (name.SequenceEqual("S"u8))
                {
                    side = reader.TokenType == JsonTokenType.String ? JsonField.Valid : JsonField.Invalid;
                    sell = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Sell"u8);
                    reader.Skip();
                }
                else reader.Skip();
            }
            // The message text is built only on failure: the trade path allocates nothing.
            if (price != JsonField.Valid) Require(price, $"publicTrade: data[{k}]", "p", "a number");
            if (size != JsonField.Valid) Require(size, $"publicTrade: data[{k}]", "v", "a number");
            if (time == JsonField.Invalid) throw Bad($"publicTrade: data[{k}]: 'T' is not an integer");
            if (side == JsonField.Invalid) throw Bad($"publicTrade: data[{k}]: 'S' is not a string");
            _tradeHasTime[k] = time == JsonField.Valid;
            _tradeSell[k] = sell;
            _trades = k + 1;
        }
    }

    private BybitMessageKind Emit(long localTime, EventRowStore rows)
    {
        if (!_hasData)
        {
            if (_hasCode || _failed)
            {
                LastVenueError = _hasCode
                    ? (_message is null ? $"venue error {_code}" : $"venue error {_code}: {_message}")
                    : $"request failed: {_message ?? "(no message)"}";
                return BybitMessageKind.VenueError;
            }
            return BybitMessageKind.Ignored;
        }
        if (_topic == Topic.Trade && _dataIsArray)
        {
            for (int k = 0; k < _trades; k++)
            {
                if (!_tradeHasTime[k] && _tsField != JsonField.Valid) Require(_tsField, $"publicTrade: data[{k}] without 'T' and a message", "ts", "an integer");
            }
            for (int k = 0; k < _trades; k++)
            {
                long time = Millis(_tradeHasTime[k] ? _tradeTime[k] : _ts, "publicTrade", "T");
                rows.Add(new MarketEvent(EventFlags.Trade | (_tradeSell[k] ? EventFlags.Sell : EventFlags.Buy), time, localTime, _tradePrice[k], _tradeQuantity[k]));
            }
            return BybitMessageKind.Trades;
        }
        if (_topic != Topic.OrderBook || _dataIsArray || _type == BookType.Other) return BybitMessageKind.Ignored;
        string what = _type == BookType.Snapshot ? "orderbook snapshot" : "orderbook delta";
        Require(_tsField, what, "ts", "an integer");
        Require(_bField, what, "b", "a list of [price, size] pairs");
        Require(_aField, what, "a", "a list of [price, size] pairs");
        LastDepth = _topicDepth;
        if (Depth is { } only && only != _topicDepth) return BybitMessageKind.OtherDepth;
        long exchangeTime = Millis(_ts, what, "ts");
        LastUpdate = new DepthUpdateIds(_uField == JsonField.Valid, _u, _u, false, 0, exchangeTime, localTime);
        if (_type == BookType.Snapshot)
        {
            AddSnapshotSide(rows, _bids, EventFlags.Buy, exchangeTime, localTime);
            AddSnapshotSide(rows, _asks, EventFlags.Sell, exchangeTime, localTime);
            return BybitMessageKind.Snapshot;
        }
        AddLevels(rows, _bids, EventFlags.Depth | EventFlags.Buy, exchangeTime, localTime);
        AddLevels(rows, _asks, EventFlags.Depth | EventFlags.Sell, exchangeTime, localTime);
        return BybitMessageKind.Delta;
    }

    private static void AddLevels(EventRowStore rows, PriceLevels levels, ulong flags, long exchangeTime, long localTime)
    {
        for (int i = 0; i < levels.Count; i++)
            rows.Add(new MarketEvent(flags, exchangeTime, localTime, levels.Price(i), levels.Quantity(i)));
    }

    /// <summary>A clear up to the side's furthest price, then its levels; an empty side adds nothing.</summary>
    private static void AddSnapshotSide(EventRowStore rows, PriceLevels levels, ulong side, long exchangeTime, long localTime)
    {
        if (levels.Count == 0) return;
        rows.Add(new MarketEvent(EventFlags.DepthClear | side, exchangeTime, localTime, levels.Price(levels.Count - 1), 0));
        AddLevels(rows, levels, EventFlags.DepthSnapshot | side, exchangeTime, localTime);
    }

    private static long Millis(long milliseconds, string message, string key)
    {
        if (milliseconds > long.MaxValue / NanosPerMilli || milliseconds < 0)
            throw Bad($"{message}: '{key}' = {milliseconds} ms is out of range");
        return milliseconds * NanosPerMilli;
    }

    private static void Require(JsonField field, string message, string key, string expected)
    {
        if (field == JsonField.Absent) throw Bad($"{message} without '{key}'");
        if (field == JsonField.Invalid) throw Bad($"{message}: '{key}' is not {expected}");
    }
}
