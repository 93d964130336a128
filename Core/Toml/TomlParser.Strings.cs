using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hft.Core.Toml;

// The four TOML string syntaxes. Each scans runs of ordinary characters with one vectorised search
// and only copies into the shared builder when an escape or line-ending normalisation forces it.
public sealed partial class TomlParser
{
    private const string Escapes = "valid escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX";

    /// <summary>At '"': a single-line basic string, escapes resolved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ParseBasicString()
    {
        var text = _text;
        var open = _pos;
        var i = open + 1;
        var runStart = i;
        var built = false;
        _sb.Clear();
        while (true)
        {
            var found = text.AsSpan(i).IndexOfAny(TomlSyntax.BasicStops);
            if (found < 0)
                throw Error(open, "unterminated string: missing closing '\"'");
            i += found;
            var c = text[i];
            if (c == '"')
            {
                _pos = i + 1;
                if (!built)
                    return text.Substring(runStart, i - runStart);
                _sb.Append(text, runStart, i - runStart);
                return _sb.ToString();
            }
            if (c == '\\')
            {
                _sb.Append(text, runStart, i - runStart);
                built = true;
                i = ParseEscape(i);
                runStart = i;
                continue;
            }
            if (c is '\n' or '\r')
                throw Error(open, "unterminated string: missing closing '\"' before the end of the line (use \"\"\" for a multi-line string)");
            throw ControlCharacterInString(i);
        }
    }

    /// <summary>At '"""': a multi-line basic string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ParseMultilineBasicString()
    {
        var text = _text;
        var open = _pos;
        var i = SkipNewlineAfterOpening(open + 3);
        var runStart = i;
        _sb.Clear();
        while (true)
        {
            var found = text.AsSpan(i).IndexOfAny(TomlSyntax.MultilineBasicStops);
            if (found < 0)
                throw Error(open, "unterminated multi-line string: missing closing '\"\"\"'");
            i += found;
            var c = text[i];
            if (c == '"')
            {
                if (TryCloseMultiline(ref i, ref runStart, '"'))
                    return _sb.ToString();
                continue;
            }
            if (c == '\\')
            {
                _sb.Append(text, runStart, i - runStart);
                i = IsLineEndingBackslash(i) ? SkipWhitespaceAndLineBreaks(i + 1) : ParseEscape(i);
                runStart = i;
                continue;
            }
            if (c == '\r')
            {
                NormaliseCrLf(ref i, ref runStart);
                continue;
            }
            throw ControlCharacterInString(i);
        }
    }

    /// <summary>At '\'': a single-line literal string, taken as written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ParseLiteralString()
    {
        var text = _text;
        var open = _pos;
        var from = open + 1;
        var found = text.AsSpan(from).IndexOfAny(TomlSyntax.LiteralStops);
        if (found < 0)
            throw Error(open, "unterminated string: missing closing \"'\"");
        var i = from + found;
        var c = text[i];
        if (c == '\'')
        {
            _pos = i + 1;
            return text.Substring(from, i - from);
        }
        if (c is '\n' or '\r')
            throw Error(open, "unterminated string: missing closing \"'\" before the end of the line (use ''' for a multi-line string)");
        throw ControlCharacterInString(i);
    }

    /// <summary>At "'''": a multi-line literal string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ParseMultilineLiteralString()
    {
        var text = _text;
        var open = _pos;
        var i = SkipNewlineAfterOpening(open + 3);
        var runStart = i;
        _sb.Clear();
        while (true)
        {
            var found = text.AsSpan(i).IndexOfAny(TomlSyntax.MultilineLiteralStops);
            if (found < 0)
                throw Error(open, "unterminated multi-line string: missing closing \"'''\"");
            i += found;
            var c = text[i];
            if (c == '\'')
            {
                if (TryCloseMultiline(ref i, ref runStart, '\''))
                    return _sb.ToString();
                continue;
            }
            if (c == '\r')
            {
                NormaliseCrLf(ref i, ref runStart);
                continue;
            }
            throw ControlCharacterInString(i);
        }
    }

    // A line break right after the opening delimiter is not part of the string.
    private int SkipNewlineAfterOpening(int i)
    {
        var text = _text;
        if (i < text.Length && text[i] == '\n')
            return i + 1;
        if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            return i + 2;
        return i;
    }

    /// <summary>
    /// At a quote inside a multi-line string. Fewer than three quotes in a row are content. Three to
    /// five close the string, the extra one or two being content (<c>""""" </c> ends with two quotes
    /// in the value). Six or more cannot be split validly.
    /// </summary>
    private bool TryCloseMultiline(ref int i, ref int runStart, char quote)
    {
        var text = _text;
        var run = 1;
        while (i + run < text.Length && text[i + run] == quote)
            run++;
        if (run < 3)
        {
            i += run;
            return false;
        }
        if (run > 5)
        {
            throw Error(i, $"too many {quote} in a row: a multi-line string may hold at most two before its closing {new string(quote, 3)}" +
                (quote == '"' ? " (escape them as \\\")" : ""));
        }
        _sb.Append(text, runStart, i + run - 3 - runStart);
        _pos = i + run;
        runStart = _pos;
        return true;
    }

    // CRLF inside a multi-line string becomes LF, so a value does not depend on how git checked the
    // file out; a CR on its own is not allowed in TOML.
    private void NormaliseCrLf(ref int i, ref int runStart)
    {
        var text = _text;
        if (i + 1 >= text.Length || text[i + 1] != '\n')
            throw Error(i, "carriage return (U+000D) must be followed by a line feed");
        _sb.Append(text, runStart, i - runStart).Append('\n');
        i += 2;
        runStart = i;
    }

    // "\" followed only by spaces/tabs up to the end of the line.
    private bool IsLineEndingBackslash(int backslash)
    {
        var text = _text;
        var j = backslash + 1;
        while (j < text.Length && text[j] is ' ' or '\t')
            j++;
        return j < text.Length && (text[j] == '\n' || (text[j] == '\r' && j + 1 < text.Length && text[j + 1] == '\n'));
    }

    // After a line-ending backslash, all whitespace and line breaks up to the next content are dropped.
    private int SkipWhitespaceAndLineBreaks(int j)
    {
        var text = _text;
        while (j < text.Length)
        {
            var c = text[j];
            if (c is ' ' or '\t' or '\n')
                j++;
            else if (c == '\r' && j + 1 < text.Length && text[j + 1] == '\n')
                j += 2;
            else
                break;
        }
        return j;
    }

    /// <summary>At '\\' in a basic string: appends the escaped character and returns the index after the escape.</summary>
    private int ParseEscape(int backslash)
    {
        var text = _text;
        if (backslash + 1 >= text.Length)
            throw Error(backslash, "unterminated escape sequence at end of file");
        var e = text[backslash + 1];
        switch (e)
        {
            case 'b': _sb.Append('\b'); break;
            case 't': _sb.Append('\t'); break;
            case 'n': _sb.Append('\n'); break;
            case 'f': _sb.Append('\f'); break;
            case 'r': _sb.Append('\r'); break;
            case '"': _sb.Append('"'); break;
            case '\\': _sb.Append('\\'); break;
            case 'u': return ParseUnicodeEscape(backslash, 4);
            case 'U': return ParseUnicodeEscape(backslash, 8);
            case '\n' or '\r':
                throw Error(backslash, "a backslash at the end of a line is only allowed in multi-line strings (\"\"\")");
            default:
                var shown = e < ' ' || e == '\x7F' ? Describe(backslash + 1) : "'\\" + e + "'";
                throw Error(backslash, $"invalid escape sequence {shown}; {Escapes}");
        }
        return backslash + 2;
    }

    private int ParseUnicodeEscape(int backslash, int digits)
    {
        var text = _text;
        var letter = text[backslash + 1];
        var from = backslash + 2;
        var count = 0;
        while (count < digits && from + count < text.Length && char.IsAsciiHexDigit(text[from + count]))
            count++;
        if (count < digits)
            throw Error(backslash, $"invalid escape sequence: \\{letter} must be followed by exactly {digits} hexadecimal digits");
        var hex = text.AsSpan(from, digits);
        var value = uint.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (!Rune.IsValid(value))
        {
            throw Error(backslash, $"invalid escape sequence \\{letter}{hex}: U+{value:X4} is not a Unicode scalar value (surrogates and values above 10FFFF are not allowed)");
        }
        Span<char> utf16 = stackalloc char[2];
        _sb.Append(utf16[..new Rune(value).EncodeToUtf16(utf16)]);
        return from + digits;
    }

    private TomlException ControlCharacterInString(int index)
    {
        var c = _text[index];
        return c == '\r'
            ? Error(index, "carriage return (U+000D) must be followed by a line feed")
            : Error(index, string.Create(CultureInfo.InvariantCulture,
                $"control character U+{(int)c:X4} is not allowed in a string; write it as the escape \\u{(int)c:X4} in a basic string"));
    }
}
