using System.Globalization;
using System.Runtime.CompilerServices;

namespace Hft.Core.Toml;

// Integers, floats, and the four date/time kinds: all start with a digit or a sign, so they are
// told apart here by their first few characters.
public sealed partial class TomlParser
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlValue ParseNumberOrDateTime(TomlPosition position)
    {
        var text = _text;
        var start = _pos;
        if (HasDigits(start, 4) && start + 4 < text.Length && text[start + 4] == '-')
            return ParseDateOrDateTime(position);
        if (HasDigits(start, 2) && start + 2 < text.Length && text[start + 2] == ':')
            return new TomlLocalTimeValue(ParseTime(), position);

        // Take everything that could belong to a number, then validate it strictly: simpler than a
        // state machine and gives one place for good messages.
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.' or '+' or '-'))
            end++;
        if (end < text.Length && text[end] == ':')
            throw Error(start, $"invalid time '{Sample(start)}': expected HH:MM:SS with two digits in each field");
        _pos = end;
        return ParseNumber(start, end, position);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HasDigits(int index, int count)
    {
        if (index + count > _text.Length)
            return false;
        for (var i = index; i < index + count; i++)
        {
            if (!char.IsAsciiDigit(_text[i]))
                return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlValue ParseNumber(int start, int end, TomlPosition position)
    {
        var text = _text;
        var token = text.AsSpan(start, end - start);
        var i = 0;
        var negative = false;
        if (token[0] is '+' or '-')
        {
            negative = token[0] == '-';
            i = 1;
        }
        var unsigned = token[i..];
        if (unsigned.SequenceEqual("inf"))
            return new TomlFloat(negative ? double.NegativeInfinity : double.PositiveInfinity, position);
        if (unsigned.SequenceEqual("nan"))
            return new TomlFloat(double.NaN, position);

        if (unsigned.Length >= 2 && unsigned[0] == '0' && unsigned[1] is 'x' or 'o' or 'b')
        {
            if (i > 0)
                throw Error(start, $"invalid number '{token}': a sign is not allowed on hexadecimal, octal or binary integers");
            var radix = unsigned[1] switch { 'x' => 16, 'o' => 8, _ => 2 };
            return new TomlInteger(ParseRadixInteger(start + 2, end, radix, token), position);
        }

        // Decimal integer or float: int-part [ '.' digits ] [ ('e'|'E') [sign] digits ].
        var intStart = i;
        if (i >= token.Length || !char.IsAsciiDigit(token[i]))
            throw Error(start + i, $"invalid number '{token}': expected a digit after the sign");
        ScanDigits(token, ref i, start);
        var intPart = token[intStart..i];
        var isFloat = false;
        if (i < token.Length && token[i] == '.')
        {
            isFloat = true;
            i++;
            if (i >= token.Length || !char.IsAsciiDigit(token[i]))
                throw Error(start + i, $"invalid number '{token}': expected a digit after the decimal point");
            ScanDigits(token, ref i, start);
        }
        if (i < token.Length && token[i] is 'e' or 'E')
        {
            isFloat = true;
            i++;
            if (i < token.Length && token[i] is '+' or '-')
                i++;
            if (i >= token.Length || !char.IsAsciiDigit(token[i]))
                throw Error(start + i, $"invalid number '{token}': expected a digit in the exponent");
            ScanDigits(token, ref i, start);
        }
        if (i < token.Length)
        {
            // Digits then '-' right after the integer part: a date with a malformed year, e.g. 10000-01-01.
            if (token[i] == '-' && i == intStart + intPart.Length && !intPart.Contains('_'))
                throw Error(start, $"invalid date '{token}': expected YYYY-MM-DD with a four-digit year");
            throw Error(start + i, $"invalid number '{token}': unexpected '{token[i]}'");
        }
        if (intPart.Length > 1 && intPart[0] == '0')
            throw Error(start, $"invalid number '{token}': leading zeros are not allowed");

        if (isFloat)
            return new TomlFloat(ParseFloat(token, start), position);
        return new TomlInteger(ParseDecimalInteger(intPart, negative, token, start), position);
    }

    // Digits with single underscores between them: DIGIT *( DIGIT / "_" DIGIT ).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanDigits(ReadOnlySpan<char> token, ref int i, int tokenStart)
    {
        i++;
        while (i < token.Length)
        {
            if (char.IsAsciiDigit(token[i]))
            {
                i++;
            }
            else if (token[i] == '_')
            {
                if (i + 1 >= token.Length || !char.IsAsciiDigit(token[i + 1]))
                    throw Error(tokenStart + i, $"invalid number '{token}': an underscore must be between two digits");
                i += 2;
            }
            else
            {
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ParseDecimalInteger(ReadOnlySpan<char> digits, bool negative, ReadOnlySpan<char> token, int start)
    {
        // Accumulate the magnitude unsigned: -9223372036854775808 has no positive long counterpart.
        var limit = negative ? 9_223_372_036_854_775_808UL : long.MaxValue;
        ulong magnitude = 0;
        foreach (var c in digits)
        {
            if (c == '_')
                continue;
            var d = (ulong)(c - '0');
            if (magnitude > (limit - d) / 10)
                throw Error(start, $"integer {token} is out of range: TOML integers are 64-bit ({long.MinValue} to {long.MaxValue})");
            magnitude = magnitude * 10 + d;
        }
        return negative ? unchecked((long)(0UL - magnitude)) : (long)magnitude;
    }

    private long ParseRadixInteger(int from, int end, int radix, ReadOnlySpan<char> token)
    {
        var text = _text;
        var name = radix switch { 16 => "hexadecimal", 8 => "octal", _ => "binary" };
        if (from >= end)
            throw Error(from, $"invalid number '{token}': expected {name} digits after the prefix");
        ulong value = 0;
        var previousWasDigit = false;
        for (var i = from; i < end; i++)
        {
            var c = text[i];
            if (c == '_')
            {
                if (!previousWasDigit || i + 1 >= end || text[i + 1] == '_')
                    throw Error(i, $"invalid number '{token}': an underscore must be between two digits");
                previousWasDigit = false;
                continue;
            }
            var d = char.IsAsciiDigit(c) ? c - '0'
                : c is >= 'a' and <= 'f' ? c - 'a' + 10
                : c is >= 'A' and <= 'F' ? c - 'A' + 10
                : 99;
            if (d >= radix)
                throw Error(i, $"invalid number '{token}': '{c}' is not a digit of a {name} integer");
            if (value > (long.MaxValue - (ulong)d) / (ulong)radix)
                throw Error(from - 2, $"integer {token} is out of range: TOML integers are 64-bit (at most {long.MaxValue})");
            value = value * (ulong)radix + (ulong)d;
            previousWasDigit = true;
        }
        return (long)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ParseFloat(ReadOnlySpan<char> token, int start)
    {
        // The grammar was checked already; .NET's parser only needs the underscores removed.
        Span<char> buffer = token.Length <= 128 ? stackalloc char[token.Length] : new char[token.Length];
        var n = 0;
        foreach (var c in token)
        {
            if (c != '_')
                buffer[n++] = c;
        }
        var value = double.Parse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
            throw Error(start, $"float {token} is out of range for a 64-bit float (write inf for infinity)");
        return value;
    }

    // ---- dates and times ---------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlValue ParseDateOrDateTime(TomlPosition position)
    {
        var text = _text;
        var start = _pos;
        var date = ParseDate();
        // RFC 3339 allows a space instead of 'T'; then a time must follow, or the date stands alone.
        var hasTime = _pos < text.Length &&
            (text[_pos] is 'T' or 't' || (text[_pos] == ' ' && HasDigits(_pos + 1, 2) && _pos + 3 < text.Length && text[_pos + 3] == ':'));
        if (!hasTime)
            return new TomlLocalDateValue(date, position);
        _pos++;
        var local = new TomlLocalDateTime(date, ParseTime());
        if (_pos < text.Length && text[_pos] is 'Z' or 'z')
        {
            _pos++;
            return new TomlOffsetDateTimeValue(new TomlOffsetDateTime(local, 0, useZ: true), position);
        }
        if (_pos < text.Length && text[_pos] is '+' or '-')
            return new TomlOffsetDateTimeValue(new TomlOffsetDateTime(local, ParseOffset(start)), position);
        return new TomlLocalDateTimeValue(local, position);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlLocalDate ParseDate()
    {
        var text = _text;
        var start = _pos;
        if (!(HasDigits(start, 4) && At(start + 4, '-') && HasDigits(start + 5, 2) && At(start + 7, '-') && HasDigits(start + 8, 2)))
            throw Error(start, $"invalid date '{Sample(start)}': expected YYYY-MM-DD");
        var year = Number(start, 4);
        var month = Number(start + 5, 2);
        var day = Number(start + 8, 2);
        var shown = text.Substring(start, 10);
        if (month is < 1 or > 12)
            throw Error(start, $"invalid date {shown}: month must be 01 to 12");
        var days = TomlLocalDate.DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
            throw Error(start, string.Create(CultureInfo.InvariantCulture, $"invalid date {shown}: {monthName} {year:D4} has days 01 to {days}"));
        }
        _pos = start + 10;
        return new TomlLocalDate(year, month, day);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlLocalTime ParseTime()
    {
        var text = _text;
        var start = _pos;
        if (!(HasDigits(start, 2) && At(start + 2, ':') && HasDigits(start + 3, 2)))
        {
            var sample = Sample(start);
            throw Error(start, sample.Length == 0
                ? $"expected a time (HH:MM:SS) but found {Describe(start)}"
                : $"invalid time '{sample}': expected HH:MM:SS");
        }
        if (!(At(start + 5, ':') && HasDigits(start + 6, 2)))
            throw Error(start, $"invalid time '{Sample(start)}': seconds are required in TOML 1.0.0 (HH:MM:SS)");
        var hour = Number(start, 2);
        var minute = Number(start + 3, 2);
        var second = Number(start + 6, 2);
        var shown = text.Substring(start, 8);
        if (hour > 23)
            throw Error(start, $"invalid time {shown}: hour must be 00 to 23");
        if (minute > 59)
            throw Error(start, $"invalid time {shown}: minute must be 00 to 59");
        if (second > 60)
            throw Error(start, $"invalid time {shown}: second must be 00 to 59 (60 only for a leap second)");
        _pos = start + 8;

        var nanosecond = 0;
        var digits = 0;
        if (At(_pos, '.'))
        {
            _pos++;
            if (!HasDigits(_pos, 1))
                throw Error(_pos, $"invalid time '{Sample(start)}': expected digits after the decimal point");
            // TOML requires at least millisecond precision; digits beyond nanoseconds are dropped.
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                if (digits < 9)
                {
                    nanosecond = nanosecond * 10 + (text[_pos] - '0');
                    digits++;
                }
                _pos++;
            }
            for (var k = digits; k < 9; k++)
                nanosecond *= 10;
        }
        return new TomlLocalTime(hour, minute, second, nanosecond, digits);
    }

    private int ParseOffset(int valueStart)
    {
        var start = _pos;
        if (!(HasDigits(start + 1, 2) && At(start + 3, ':') && HasDigits(start + 4, 2)))
            throw Error(start, $"invalid date-time '{Sample(valueStart)}': a UTC offset must be Z or ±HH:MM");
        var hours = Number(start + 1, 2);
        var minutes = Number(start + 4, 2);
        if (hours > 23 || minutes > 59)
            throw Error(start, $"invalid UTC offset {_text.Substring(start, 6)}: hours must be 00 to 23 and minutes 00 to 59");
        _pos = start + 6;
        var total = hours * 60 + minutes;
        return _text[start] == '-' ? -total : total;
    }

    private bool At(int index, char c) => index < _text.Length && _text[index] == c;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Number(int index, int count)
    {
        var n = 0;
        for (var i = index; i < index + count; i++)
            n = n * 10 + (_text[i] - '0');
        return n;
    }

    // The text of a malformed date/time for the message: up to the next separator.
    private string Sample(int start)
    {
        var text = _text;
        var end = start;
        while (end < text.Length && end - start < 40 && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is ':' or '-' or '+' or '.' or '_'))
            end++;
        return text[start..end];
    }
}
