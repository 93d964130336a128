using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hft.Backtest.Conversion;

/// <summary>Whether a JSON field was seen and whether it parsed; checked only if the message's kind needs it.</summary>
internal enum JsonField : byte
{
    /// <summary>Not in the message.</summary>
    Absent,
    /// <summary>Present and parsed.</summary>
    Valid,
    /// <summary>Present but not of the expected type.</summary>
    Invalid,
}

/// <summary>
/// Reading collector lines (<c>&lt;19-digit ns receive time&gt; &lt;raw JSON&gt;</c>) with <see cref="Utf8JsonReader"/>,
/// shared by the venues' message parsers: the receive time, integers, decimal strings and <c>[price, quantity]</c>
/// lists, without allocation.
/// </summary>
internal static class CollectorJson
{
    /// <summary>Length of the receive-time prefix, fixed by the collector (hftbacktest slices <c>line[:19]</c>).</summary>
    public const int ReceiveTimeDigits = 19;

    /// <summary>The receive time: exactly 19 ASCII digits, then a space.</summary>
    internal static long ParseReceiveTime(ReadOnlySpan<byte> line)
    {
        if (line.Length < ReceiveTimeDigits + 1 || line[ReceiveTimeDigits] != (byte)' ')
            throw Bad(line.IsEmpty ? "empty line" : "the line does not start with a 19-digit receive time and a space");
        ulong value = 0;
        for (int i = 0; i < ReceiveTimeDigits; i++)
        {
            uint digit = (uint)(line[i] - '0');
            if (digit > 9) throw Bad("the line does not start with a 19-digit receive time and a space");
            value = value * 10 + digit;
        }
        if (value > long.MaxValue) throw Bad($"receive time {value} is out of range");
        return (long)value;
    }

    /// <summary>An integer field: a JSON integer, or a string of digits (Python's <c>int()</c> takes both).</summary>
    internal static JsonField ReadInteger(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out value) ? JsonField.Valid : JsonField.Invalid;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                ReadOnlySpan<byte> text = reader.ValueSpan;
                return Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length ? JsonField.Valid : JsonField.Invalid;
            default:
                reader.Skip();
                return JsonField.Invalid;
        }
    }

    /// <summary>A price or quantity: Binance sends decimal strings (<c>"61800.20"</c>); JSON numbers are accepted too.</summary>
    internal static JsonField ReadNumber(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                // Both parsers round correctly, like Python's float(), so prices are bit-identical to hftbacktest's.
                bool ok = reader.ValueIsEscaped
                    ? double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                    : DecimalText.TryParse(reader.ValueSpan, out value);
                return ok ? JsonField.Valid : JsonField.Invalid;
            case JsonTokenType.Number:
                return reader.TryGetDouble(out value) ? JsonField.Valid : JsonField.Invalid;
            default:
                reader.Skip();
                return JsonField.Invalid;
        }
    }

    /// <summary>
    /// A list of <c>[price, quantity]</c> pairs into <paramref name="levels"/>. A value that is not a list is only
    /// noted (a <c>bookTicker</c>'s <c>b</c> is a price string); a list with a malformed pair is an error at once,
    /// whatever the message.
    /// </summary>
    internal static JsonField ReadLevels(ref Utf8JsonReader reader, PriceLevels levels, string key)
    {
        levels.Clear();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return JsonField.Invalid;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw BadLevel(key, levels.Count);
            reader.Read();
            if (ReadNumber(ref reader, out double price) != JsonField.Valid) throw BadLevel(key, levels.Count);
            reader.Read();
            if (ReadNumber(ref reader, out double quantity) != JsonField.Valid) throw BadLevel(key, levels.Count);
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) throw BadLevel(key, levels.Count);
            levels.Add(price, quantity);
        }
        return JsonField.Valid;
    }

    internal static FormatException BadLevel(string key, int index) =>
        Bad($"'{key}'[{index}] is not a [price, quantity] pair of numbers");

    /// <summary>The property name under the reader, unescaped into <paramref name="scratch"/> if it has escapes.</summary>
    internal static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader, byte[] scratch)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        // An escaped name longer than the scratch cannot be one of ours; an empty span matches nothing.
        if (reader.ValueSpan.Length > scratch.Length) return default;
        int length = reader.CopyString(scratch);
        return scratch.AsSpan(0, length);
    }

    /// <summary>A scalar's text for messages (venue errors only, so allocating is fine); containers are skipped.</summary>
    internal static string? TokenText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
            case JsonTokenType.Null:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>Reads the top-level JSON object of a line (see <see cref="ReadLine"/>).</summary>
    internal delegate void JsonMessageReader(ref Utf8JsonReader reader);

    /// <summary>
    /// Splits a collector line into its receive time and its JSON object, which <paramref name="readMessage"/> reads
    /// from its first property on; nothing may follow the object. The reader's errors become a
    /// <see cref="FormatException"/> that gives the column in the line.
    /// </summary>
    /// <returns>The receive time.</returns>
    internal static long ReadLine(ReadOnlySpan<byte> line, JsonMessageReader readMessage)
    {
        long localTime = ParseReceiveTime(line);
        ReadOnlySpan<byte> json = line[(ReceiveTimeDigits + 1)..];
        if (json.Trim(" \t"u8).IsEmpty) throw Bad("no JSON after the receive time");
        ReadMessage(json, readMessage, ReceiveTimeDigits + 1);
        return localTime;
    }

    /// <summary>
    /// Reads one JSON object (a frame as it came off a socket, or the part of a collector line after its receive time)
    /// with <paramref name="readMessage"/>; nothing may follow the object. Errors name the column, counted from
    /// <paramref name="columnOffset"/> characters before the JSON.
    /// </summary>
    internal static void ReadMessage(ReadOnlySpan<byte> json, JsonMessageReader readMessage, int columnOffset = 0)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) throw Bad("the message is not a JSON object");
            readMessage(ref reader);
            // Anything but whitespace after the object makes Read throw (json.loads: "Extra data").
            if (reader.Read()) throw Bad("unexpected content after the JSON object");
        }
        catch (JsonException e)
        {
            long position = e.BytePositionInLine ?? 0;
            // The reader's wording for this case ("Expected depth to be zero ...") hides the usual cause: a line cut
            // short, as a collector killed mid-write leaves it.
            if (position >= json.Length)
                throw Bad($"invalid JSON: the {(columnOffset > 0 ? "line" : "message")} ends before the JSON is complete (truncated?)");
            throw Bad($"invalid JSON at column {columnOffset + position + 1}: {ReaderProblem(e.Message)}");
        }
    }

    /// <summary>The reader's message without its "LineNumber: 0 | BytePositionInLine: n." suffix (we give the column).</summary>
    internal static string ReaderProblem(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).TrimEnd('.', ' ');
    }


    /// <summary>A parse problem; the caller adds the file and line.</summary>
    internal static FormatException Bad(string problem) => new(problem);
}
