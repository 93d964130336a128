using System.Globalization;
using System.Text;

namespace Hft.Backtest.Data;

/// <summary>
/// A parser for the small subset of Python literal syntax that NPY headers use: dicts, lists, tuples, quoted
/// strings, integers, <c>True</c>/<c>False</c>/<c>None</c>. numpy evaluates the header with
/// <c>ast.literal_eval</c>, so we accept any spacing and quoting it would, not only numpy's exact layout
/// (the Rust writer in hftbacktest, for instance, writes <c>(N, )</c>).
/// </summary>
/// <remarks>
/// Values: <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, <c>null</c>,
/// <see cref="PyList"/> (lists and tuples; <see cref="PyList.IsTuple"/> tells them apart) and <see cref="PyDict"/>.
/// </remarks>
internal sealed class PythonLiteral
{
    // A real header nests three deep; the limit keeps a hostile header from overflowing the stack.
    private const int MaxDepth = 16;

    private readonly string _text;
    private int _pos;
    private int _depth;

    private PythonLiteral(string text) => _text = text;

    /// <summary>Parses a whole literal; throws <see cref="FormatException"/> with a short reason on bad input.</summary>
    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        object? value = parser.ParseValue();
        parser.SkipSpace();
        if (parser._pos != text.Length)
            throw parser.Error("unexpected text after the value");
        return value;
    }

    /// <summary>Formats a parsed value the way Python's <c>repr</c> would, for error messages.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => "'" + s + "'",
        PyList { IsTuple: true, Items.Count: 1 } t => "(" + Repr(t.Items[0]) + ",)",
        PyList { IsTuple: true } t => "(" + string.Join(", ", t.Items.Select(Repr)) + ")",
        PyList l => "[" + string.Join(", ", l.Items.Select(Repr)) + "]",
        PyDict d => "{" + string.Join(", ", d.Items.Select(kv => Repr(kv.Key) + ": " + Repr(kv.Value))) + "}",
        _ => value.ToString() ?? "",
    };

    private object? ParseValue()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Error("unexpected end");
        char c = _text[_pos];
        if (c is '{' or '[' or '(')
        {
            if (++_depth > MaxDepth) throw Error("nested too deeply");
            object value = c switch
            {
                '{' => ParseDict(),
                '[' => ParseSequence(']', isTuple: false),
                _ => ParseSequence(')', isTuple: true),
            };
            _depth--;
            return value;
        }
        switch (c)
        {
            case '\'':
            case '"': return ParseString();
        }
        if (c == '-' || c == '+' || char.IsAsciiDigit(c)) return ParseInteger();
        if (char.IsAsciiLetter(c))
        {
            int start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            string word = _text[start.._pos];
            return word switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                _ => throw Error($"unknown name '{word}'", start),
            };
        }
        throw Error($"unexpected '{c}'");
    }

    private PyDict ParseDict()
    {
        _pos++; // '{'
        var items = new List<KeyValuePair<object?, object?>>();
        while (true)
        {
            SkipSpace();
            if (TryConsume('}')) return new PyDict(items);
            object? key = ParseValue();
            SkipSpace();
            if (!TryConsume(':')) throw Error("expected ':'");
            object? value = ParseValue();
            items.Add(new(key, value));
            SkipSpace();
            if (TryConsume('}')) return new PyDict(items);
            if (!TryConsume(',')) throw Error("expected ',' or '}'");
        }
    }

    private PyList ParseSequence(char close, bool isTuple)
    {
        _pos++; // '[' or '('
        var items = new List<object?>();
        bool sawComma = false;
        while (true)
        {
            SkipSpace();
            if (TryConsume(close)) break;
            items.Add(ParseValue());
            SkipSpace();
            if (TryConsume(close)) break;
            if (!TryConsume(',')) throw Error($"expected ',' or '{close}'");
            sawComma = true;
        }
        // "(5)" is just 5 in Python, not a tuple.
        if (isTuple && items.Count == 1 && !sawComma) throw Error("parenthesised value is not a tuple");
        return new PyList(items, isTuple);
    }

    private string ParseString()
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string");
            char c = _text[_pos++];
            if (c == quote) return sb.ToString();
            if (c == '\\')
            {
                if (_pos >= _text.Length) throw Error("unterminated string");
                char e = _text[_pos++];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    private long ParseInteger()
    {
        int start = _pos;
        if (_text[_pos] == '-' || _text[_pos] == '+') _pos++;
        int digitsStart = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos == digitsStart) throw Error("expected digits", start);
        if (!long.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Error("integer out of range", start);
        // Python 2 era numpy wrote long integers with an 'L' suffix.
        if (_pos < _text.Length && _text[_pos] == 'L') _pos++;
        return value;
    }

    private bool TryConsume(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private FormatException Error(string what, int? at = null) =>
        new($"{what} at position {at ?? _pos}");

    /// <summary>A parsed Python list or tuple.</summary>
    public sealed record PyList(List<object?> Items, bool IsTuple);

    /// <summary>A parsed Python dict, keys in source order.</summary>
    public sealed record PyDict(List<KeyValuePair<object?, object?>> Items);
}
