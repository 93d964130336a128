using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Hft.Core.Toml;

/// <summary>
/// Parses TOML 1.0.0 text into a <see cref="TomlTable"/>. Every syntax or semantic error is reported
/// as a <see cref="TomlException"/> naming the file, line and column.
/// </summary>
/// <remarks>
/// A hand-written recursive-descent parser over the whole text with an index: no tokenizer objects,
/// no regular expressions, and plain runs of strings and comments are skipped with vectorised searches.
/// This file holds the document structure (lines, keys, headers, tables); the partial files hold
/// strings and numbers/dates.
/// The per-character and per-line methods are marked <see cref="MethodImplOptions.AggressiveOptimization"/>:
/// a config is parsed once at startup, and under tiered JIT that single parse would run in unoptimised
/// tier-0 code, several times slower on a large file. Methods that run once per header or only on
/// errors are left to tiering, since compiling them fully optimised costs more than it saves.
/// </remarks>
public sealed partial class TomlParser
{
    /// <summary>
    /// Deepest nesting of arrays and inline tables accepted. Recursion past this could overflow the
    /// stack, which .NET cannot catch, so hostile input would kill the process instead of failing.
    /// </summary>
    public const int MaxNesting = 256;

    private const string DefaultFileName = "<input>";

    private readonly string _text;
    private readonly string _fileName;
    private readonly int _start;
    private readonly TomlTable _root;
    private readonly StringBuilder _sb = new();
    private readonly List<KeySegment> _key = [];
    private TomlTable _current;
    // Key path of the current [header] (empty for the root), kept for messages.
    private string[] _sectionPath = [];
    private bool _sectionIsArray;
    private int _pos;
    private int _depth;

    // Line/column of _cursorIndex; see PositionAt.
    private int _cursorIndex;
    private int _cursorLine = 1;
    private int _cursorColumn = 1;

    private TomlParser(string text, int start, string fileName)
    {
        _text = text;
        _start = start;
        _pos = start;
        _cursorIndex = start;
        _fileName = fileName;
        _root = new TomlTable(new TomlPosition(1, 1)) { Origin = TomlTableOrigin.Header };
        _current = _root;
    }

    /// <summary>Parses a TOML document given as text. A leading byte-order mark (U+FEFF) is ignored.</summary>
    /// <param name="text">The whole document.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <returns>The root table.</returns>
    /// <exception cref="TomlException">The text is not valid TOML 1.0.0.</exception>
    public static TomlTable Parse(string text, string fileName = DefaultFileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        return new TomlParser(text, start, fileName).ParseDocument();
    }

    /// <summary>
    /// Parses a TOML document given as UTF-8 bytes, as read from a file. The bytes must be valid UTF-8
    /// (TOML requires it); a leading UTF-8 byte-order mark is allowed.
    /// </summary>
    /// <param name="utf8">The whole document.</param>
    /// <param name="fileName">Name used in error messages.</param>
    /// <returns>The root table.</returns>
    /// <exception cref="TomlException">The bytes are not valid UTF-8 or not valid TOML 1.0.0.</exception>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8, string fileName = DefaultFileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            utf8 = utf8[3..];
        var text = DecodeUtf8(utf8, fileName);
        return new TomlParser(text, 0, fileName).ParseDocument();
    }

    private readonly record struct KeySegment(string Name, int Index);

    private static string DecodeUtf8(ReadOnlySpan<byte> utf8, string fileName)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(utf8, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                // Report the spot as the parser would: line and column of the text decoded so far.
                var prefix = new TomlParser(new string(buffer, 0, written), 0, fileName);
                var at = prefix.PositionAt(written);
                var reason = string.Create(CultureInfo.InvariantCulture,
                    $"invalid UTF-8 byte sequence starting with byte 0x{utf8[read]:X2}; TOML files must be UTF-8 encoded");
                throw new TomlException(fileName, at.Line, at.Column, reason);
            }
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlTable ParseDocument()
    {
        CheckSurrogates();
        var text = _text;
        while (true)
        {
            SkipSpaces();
            if (_pos >= text.Length)
                break;
            var c = text[_pos];
            var wasHeader = c == '[';
            if (wasHeader)
                ParseHeader();
            else if (c != '#' && c != '\n' && c != '\r')
                ParseKeyValue(_current, inline: false);

            SkipSpaces();
            if (_pos < text.Length && text[_pos] == '#')
                SkipComment();
            if (_pos >= text.Length)
                break;
            if (text[_pos] != '\n' && text[_pos] != '\r')
            {
                throw Error(_pos, wasHeader
                    ? $"unexpected {Describe(_pos)} after table header {SectionName()}; expected a comment or the end of the line"
                    : $"unexpected {Describe(_pos)} after value; each key/value pair needs its own line");
            }
            ConsumeLineBreak();
        }
        return _root;
    }

    // A string handed to Parse(string) may hold unpaired surrogates, which no UTF-8 file can; reject
    // them once up front so the rest of the parser can treat surrogate pairs as ordinary text.
    private void CheckSurrogates()
    {
        var text = _text;
        var i = _start;
        while (true)
        {
            var found = text.AsSpan(i).IndexOfAnyInRange('\uD800', '\uDFFF');
            if (found < 0)
                return;
            i += found;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
                continue;
            }
            throw Error(i, string.Create(CultureInfo.InvariantCulture, $"invalid Unicode: unpaired surrogate U+{(int)text[i]:X4}"));
        }
    }

    // ---- lines, whitespace, comments -------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipSpaces()
    {
        var text = _text;
        while (_pos < text.Length && (text[_pos] == ' ' || text[_pos] == '\t'))
            _pos++;
    }

    /// <summary>At '\n' or '\r': consumes LF or CRLF; a CR alone is not a line break in TOML.</summary>
    private void ConsumeLineBreak()
    {
        if (_text[_pos] == '\r')
        {
            if (_pos + 1 >= _text.Length || _text[_pos + 1] != '\n')
                throw Error(_pos, "carriage return (U+000D) must be followed by a line feed");
            _pos++;
        }
        _pos++;
    }

    /// <summary>At '#': skips to the line break (not consuming it), rejecting control characters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipComment()
    {
        var text = _text;
        var from = _pos + 1;
        var found = text.AsSpan(from).IndexOfAny(TomlSyntax.CommentStops);
        if (found < 0)
        {
            _pos = text.Length;
            return;
        }
        var at = from + found;
        var c = text[at];
        if (c == '\n' || (c == '\r' && at + 1 < text.Length && text[at + 1] == '\n'))
        {
            _pos = at;
            return;
        }
        throw Error(at, c == '\r'
            ? "carriage return (U+000D) must be followed by a line feed"
            : $"{Describe(at)} is not allowed in a comment");
    }

    /// <summary>Inside arrays: spaces, comments and line breaks may appear between elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipSpacesCommentsAndLineBreaks()
    {
        var text = _text;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == ' ' || c == '\t')
                _pos++;
            else if (c == '#')
                SkipComment();
            else if (c == '\n' || c == '\r')
                ConsumeLineBreak();
            else
                return;
        }
    }

    // ---- keys --------------------------------------------------------------------------------------

    /// <summary>Reads a possibly dotted key into <see cref="_key"/> and skips the spaces after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseKey(bool inline)
    {
        _key.Clear();
        while (true)
        {
            var start = _pos;
            _key.Add(new KeySegment(ParseSimpleKey(inline, afterDot: _key.Count > 0), start));
            SkipSpaces();
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                SkipSpaces();
                continue;
            }
            return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ParseSimpleKey(bool inline, bool afterDot)
    {
        var text = _text;
        if (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '"' || c == '\'')
            {
                if (IsTripleQuote(_pos, c))
                    throw Error(_pos, "a multi-line string cannot be used as a key");
                return c == '"' ? ParseBasicString() : ParseLiteralString();
            }
        }
        var length = text.AsSpan(_pos).IndexOfAnyExcept(TomlSyntax.BareKeyChars);
        if (length < 0)
            length = text.Length - _pos;
        if (length == 0)
        {
            var found = Describe(_pos);
            if (afterDot)
                throw Error(_pos, $"expected a key after '.' but found {found}");
            if (inline && (_pos >= text.Length || text[_pos] == '\n' || text[_pos] == '\r'))
                throw Error(_pos, $"expected a key but found {found}; inline tables must be on a single line in TOML 1.0.0");
            throw Error(_pos, $"expected a key but found {found}; bare keys may only contain A-Z a-z 0-9 _ -, other keys must be quoted");
        }
        var key = text.Substring(_pos, length);
        _pos += length;
        return key;
    }

    /// <summary>The first <paramref name="count"/> segments of <see cref="_key"/> as a quoted name for messages.</summary>
    private string KeyName(int count)
    {
        var path = TomlWriter.FormatKeyPath(_key.Take(count).Select(k => k.Name));
        return path.Contains('"', StringComparison.Ordinal) ? path : "\"" + path + "\"";
    }

    private string HeaderName(int count) => TomlWriter.FormatKeyPath(_key.Take(count).Select(k => k.Name));

    private static string At(TomlPosition p) =>
        string.Create(CultureInfo.InvariantCulture, $"line {p.Line}, column {p.Column}");

    private static string Article(TomlValueKind kind) => kind switch
    {
        TomlValueKind.Integer or TomlValueKind.Array or TomlValueKind.OffsetDateTime => "an " + TomlValue.Describe(kind),
        _ => "a " + TomlValue.Describe(kind),
    };

    // ---- key/value pairs ---------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseKeyValue(TomlTable table, bool inline)
    {
        ParseKey(inline);
        var text = _text;
        if (_pos >= text.Length || text[_pos] != '=')
            throw Error(_pos, $"expected '=' after key {KeyName(_key.Count)} but found {Describe(_pos)}");
        _pos++;
        SkipSpaces();
        if (_pos >= text.Length || text[_pos] is '\n' or '\r' or '#')
            throw Error(_pos, $"missing value for key {KeyName(_key.Count)}");

        var target = DescendDottedKey(table);
        var last = _key[^1];
        if (target.TryGetEntry(last.Name, out var existing))
        {
            var where = inline ? " in this inline table" : _sectionPath.Length > 0 ? $" in table {SectionName()}" : "";
            throw Error(last.Index, $"duplicate key {KeyName(_key.Count)}{where}: it was already defined at {At(existing.KeyPosition)}");
        }
        // Positions must be taken before the value is parsed: nested values reuse _key.
        var keyPosition = PositionAt(last.Index);
        var value = ParseValue();
        target.Add(last.Name, value, keyPosition);
    }

    /// <summary>
    /// Walks the prefix of a dotted key <c>a.b.c</c> from <paramref name="table"/>, creating tables as
    /// needed. Only tables created by dotted keys may be walked into: TOML forbids using dotted keys to
    /// add to tables defined by headers or written inline.
    /// </summary>
    private TomlTable DescendDottedKey(TomlTable table)
    {
        var t = table;
        for (var i = 0; i < _key.Count - 1; i++)
        {
            var segment = _key[i];
            if (t.TryGetEntry(segment.Name, out var entry))
            {
                if (entry.Value is TomlTable { Origin: TomlTableOrigin.Dotted } dotted)
                {
                    t = dotted;
                    continue;
                }
                var prefix = KeyName(i + 1);
                var whole = KeyName(_key.Count);
                throw Error(segment.Index, entry.Value switch
                {
                    TomlTable { Origin: TomlTableOrigin.Inline } =>
                        $"cannot add {whole}: {prefix} is an inline table (defined at {At(entry.KeyPosition)}) and inline tables cannot be extended",
                    // Header-made tables only exist outside inline tables, so the section path applies.
                    TomlTable sub =>
                        $"cannot use dotted key {whole} to add to table [{TomlWriter.FormatKeyPath(_sectionPath.Concat(_key.Take(i + 1).Select(k => k.Name)))}], which is defined by a table header at {At(sub.Position)}",
                    TomlArray =>
                        $"cannot add {whole}: {prefix} is an array (defined at {At(entry.KeyPosition)}), not a table",
                    _ =>
                        $"cannot add {whole}: {prefix} is already defined as {Article(entry.Value.Kind)} at {At(entry.KeyPosition)}",
                });
            }
            var position = PositionAt(segment.Index);
            var created = new TomlTable(position) { Origin = TomlTableOrigin.Dotted };
            t.Add(segment.Name, created, position);
            t = created;
        }
        return t;
    }

    // ---- [table] and [[array of tables]] headers --------------------------------------------------

    private void ParseHeader()
    {
        var text = _text;
        var start = _pos;
        var isArray = _pos + 1 < text.Length && text[_pos + 1] == '[';
        _pos += isArray ? 2 : 1;
        SkipSpaces();
        ParseKey(inline: false);
        if (isArray)
        {
            if (_pos + 1 >= text.Length || text[_pos] != ']' || text[_pos + 1] != ']')
                throw Error(_pos, $"expected ']]' to close the array-of-tables header [[{HeaderName(_key.Count)}]] but found {Describe(_pos)}");
            _pos += 2;
        }
        else
        {
            if (_pos >= text.Length || text[_pos] != ']')
                throw Error(_pos, $"expected ']' to close the table header [{HeaderName(_key.Count)}] but found {Describe(_pos)}");
            _pos++;
        }
        DefineHeader(start, isArray);
    }

    private void DefineHeader(int start, bool isArray)
    {
        var headerPosition = PositionAt(start);
        var t = _root;
        for (var i = 0; i < _key.Count - 1; i++)
        {
            var segment = _key[i];
            if (t.TryGetEntry(segment.Name, out var entry))
            {
                switch (entry.Value)
                {
                    case TomlTable { Origin: TomlTableOrigin.Inline }:
                        throw Error(segment.Index, $"cannot define [{HeaderName(_key.Count)}]: {KeyName(i + 1)} is an inline table (defined at {At(entry.KeyPosition)}) and inline tables cannot be extended");
                    case TomlTable sub:
                        t = sub;
                        continue;
                    case TomlArray { IsTableArray: true } tables:
                        // A header under an array of tables refers to its most recent element.
                        t = (TomlTable)tables[^1];
                        continue;
                    case TomlArray:
                        throw Error(segment.Index, $"cannot define [{HeaderName(_key.Count)}]: {KeyName(i + 1)} is a static array (defined at {At(entry.KeyPosition)}), not a table");
                    default:
                        throw Error(segment.Index, $"cannot define [{HeaderName(_key.Count)}]: {KeyName(i + 1)} is already defined as {Article(entry.Value.Kind)} at {At(entry.KeyPosition)}");
                }
            }
            var position = PositionAt(segment.Index);
            var created = new TomlTable(position) { Origin = TomlTableOrigin.Implicit };
            t.Add(segment.Name, created, position);
            t = created;
        }

        var last = _key[^1];
        var lastPosition = PositionAt(last.Index);
        t.TryGetEntry(last.Name, out var existing);
        if (isArray)
        {
            TomlArray tables;
            switch (existing.Value)
            {
                case null:
                    tables = new TomlArray(headerPosition) { IsTableArray = true };
                    t.Add(last.Name, tables, lastPosition);
                    break;
                case TomlArray { IsTableArray: true } found:
                    tables = found;
                    break;
                case TomlArray:
                    throw Error(start, $"cannot append to {KeyName(_key.Count)} with [[{HeaderName(_key.Count)}]]: it is a static array defined at {At(existing.KeyPosition)}");
                case TomlTable found:
                    throw Error(start, $"cannot define array of tables [[{HeaderName(_key.Count)}]]: [{HeaderName(_key.Count)}] is already a table defined at {At(found.Position)}");
                default:
                    throw Error(start, $"cannot define array of tables [[{HeaderName(_key.Count)}]]: {KeyName(_key.Count)} is already defined as {Article(existing.Value.Kind)} at {At(existing.KeyPosition)}");
            }
            var element = new TomlTable(headerPosition) { Origin = TomlTableOrigin.Header };
            tables.Add(element);
            _current = element;
            EnterSection(isArray: true);
            return;
        }

        switch (existing.Value)
        {
            case null:
                var created = new TomlTable(headerPosition) { Origin = TomlTableOrigin.Header };
                t.Add(last.Name, created, lastPosition);
                _current = created;
                break;
            case TomlTable { Origin: TomlTableOrigin.Implicit } found:
                // Created earlier as the prefix of a longer header; this is its one definition.
                found.Origin = TomlTableOrigin.Header;
                found.Position = headerPosition;
                _current = found;
                break;
            case TomlTable { Origin: TomlTableOrigin.Dotted }:
                throw Error(start, $"cannot define table [{HeaderName(_key.Count)}]: it was already created by a dotted key at {At(existing.KeyPosition)}");
            case TomlTable { Origin: TomlTableOrigin.Inline }:
                throw Error(start, $"cannot define table [{HeaderName(_key.Count)}]: it is an inline table defined at {At(existing.KeyPosition)}, and inline tables cannot be extended");
            case TomlTable found:
                throw Error(start, $"duplicate table [{HeaderName(_key.Count)}]: it was already defined at {At(found.Position)}");
            case TomlArray { IsTableArray: true }:
                throw Error(start, $"cannot define table [{HeaderName(_key.Count)}]: it is already an array of tables (first [[{HeaderName(_key.Count)}]] at {At(existing.Value.Position)})");
            default:
                throw Error(start, $"cannot define table [{HeaderName(_key.Count)}]: {KeyName(_key.Count)} is already defined as {Article(existing.Value.Kind)} at {At(existing.KeyPosition)}");
        }
        EnterSection(isArray: false);
    }

    private void EnterSection(bool isArray)
    {
        var path = new string[_key.Count];
        for (var i = 0; i < path.Length; i++)
            path[i] = _key[i].Name;
        _sectionPath = path;
        _sectionIsArray = isArray;
    }

    private string SectionName()
    {
        var name = TomlWriter.FormatKeyPath(_sectionPath);
        return _sectionIsArray ? "[[" + name + "]]" : "[" + name + "]";
    }

    // ---- values ------------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlValue ParseValue()
    {
        var text = _text;
        if (_pos >= text.Length)
            throw Error(_pos, "expected a value but found end of file");
        var position = PositionAt(_pos);
        switch (text[_pos])
        {
            case '"':
                return new TomlString(IsTripleQuote(_pos, '"') ? ParseMultilineBasicString() : ParseBasicString(), position);
            case '\'':
                return new TomlString(IsTripleQuote(_pos, '\'') ? ParseMultilineLiteralString() : ParseLiteralString(), position);
            case '[':
                return ParseArray(position);
            case '{':
                return ParseInlineTable(position);
            case 't':
                ExpectWord("true");
                return new TomlBoolean(true, position);
            case 'f':
                ExpectWord("false");
                return new TomlBoolean(false, position);
            case 'i':
                ExpectWord("inf");
                return new TomlFloat(double.PositiveInfinity, position);
            case 'n':
                ExpectWord("nan");
                return new TomlFloat(double.NaN, position);
            case (>= '0' and <= '9') or '+' or '-':
                return ParseNumberOrDateTime(position);
            default:
                throw BadValue();
        }
    }

    /// <summary>Consumes <paramref name="word"/> if it stands alone here, else reports a bad value.</summary>
    private void ExpectWord(string word)
    {
        var text = _text;
        var end = _pos + word.Length;
        if (!text.AsSpan(_pos).StartsWith(word, StringComparison.Ordinal) || (end < text.Length && IsWordChar(text[end])))
            throw BadValue();
        _pos = end;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '.';

    private TomlException BadValue()
    {
        var text = _text;
        var end = _pos;
        while (end < text.Length && IsWordChar(text[end]))
            end++;
        if (end == _pos)
            return Error(_pos, $"expected a value but found {Describe(_pos)}");
        var word = text[_pos..end];
        if (word.Equals("true", StringComparison.OrdinalIgnoreCase) || word.Equals("false", StringComparison.OrdinalIgnoreCase))
            return Error(_pos, $"invalid value '{word}': booleans are lowercase, true or false");
        if (word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("nan", StringComparison.OrdinalIgnoreCase))
            return Error(_pos, $"invalid value '{word}': special floats are lowercase, inf or nan");
        return Error(_pos, $"invalid value '{word}': strings must be quoted, e.g. \"{word}\"");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlArray ParseArray(TomlPosition position)
    {
        var text = _text;
        var open = _pos;
        var array = new TomlArray(position);
        EnterNesting(open);
        _pos++;
        while (true)
        {
            SkipSpacesCommentsAndLineBreaks();
            if (_pos >= text.Length)
                throw Error(open, "unterminated array: missing ']'");
            if (text[_pos] == ']')
                break;
            array.Add(ParseValue());
            SkipSpacesCommentsAndLineBreaks();
            if (_pos >= text.Length)
                throw Error(open, "unterminated array: missing ']'");
            var c = text[_pos];
            if (c == ']')
                break;
            if (c != ',')
                throw Error(_pos, $"expected ',' or ']' after an array element but found {Describe(_pos)}");
            _pos++;
        }
        _pos++;
        _depth--;
        return array;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlTable ParseInlineTable(TomlPosition position)
    {
        var text = _text;
        var open = _pos;
        // Dotted while being filled, so dotted keys inside the braces may add to it.
        var table = new TomlTable(position) { Origin = TomlTableOrigin.Dotted };
        EnterNesting(open);
        _pos++;
        SkipSpaces();
        if (_pos < text.Length && text[_pos] == '}')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                ParseKeyValue(table, inline: true);
                SkipSpaces();
                if (_pos >= text.Length)
                    throw Error(open, "unterminated inline table: missing '}'");
                var c = text[_pos];
                if (c == '}')
                {
                    _pos++;
                    break;
                }
                if (c == ',')
                {
                    _pos++;
                    SkipSpaces();
                    if (_pos < text.Length && text[_pos] == '}')
                        throw Error(_pos, "a trailing comma is not allowed in an inline table in TOML 1.0.0");
                    continue;
                }
                if (c is '\n' or '\r')
                    throw Error(_pos, "expected ',' or '}' but found end of line; inline tables must be on a single line in TOML 1.0.0");
                throw Error(_pos, $"expected ',' or '}}' in inline table but found {Describe(_pos)}");
            }
        }
        // Complete as written: later headers and dotted keys may not add to it (or to tables inside it).
        table.Origin = TomlTableOrigin.Inline;
        _depth--;
        return table;
    }

    private void EnterNesting(int index)
    {
        if (++_depth > MaxNesting)
            throw Error(index, string.Create(CultureInfo.InvariantCulture, $"arrays and inline tables are nested more than {MaxNesting} levels deep"));
    }

    // ---- positions and errors ----------------------------------------------------------------------

    /// <summary>
    /// Line and column of a text index. Lines are not tracked while parsing; a cursor is moved forward
    /// on demand instead. The parser asks for positions almost always in increasing order, so the whole
    /// text is scanned about once (with vectorised searches); going backwards (only for some errors)
    /// rescans from the start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TomlPosition PositionAt(int index)
    {
        index = Math.Min(index, _text.Length);
        if (index < _cursorIndex)
        {
            _cursorIndex = _start;
            _cursorLine = 1;
            _cursorColumn = 1;
        }
        var span = _text.AsSpan(_cursorIndex, index - _cursorIndex);
        var lastLineFeed = span.LastIndexOf('\n');
        if (lastLineFeed >= 0)
        {
            _cursorLine += span[..lastLineFeed].Count('\n') + 1;
            _cursorColumn = 1;
            span = span[(lastLineFeed + 1)..];
        }
        // Columns count code points: the low half of a surrogate pair shares its high half's column.
        var lowSurrogates = 0;
        if (span.ContainsAnyInRange('\uDC00', '\uDFFF'))
        {
            foreach (var c in span)
            {
                if (char.IsLowSurrogate(c))
                    lowSurrogates++;
            }
        }
        _cursorColumn += span.Length - lowSurrogates;
        _cursorIndex = index;
        return new TomlPosition(_cursorLine, _cursorColumn);
    }

    private TomlException Error(int index, string reason)
    {
        var p = PositionAt(index);
        return new TomlException(_fileName, p.Line, p.Column, reason);
    }

    /// <summary>What is at <paramref name="index"/>, for "found ..." in messages.</summary>
    private string Describe(int index)
    {
        var text = _text;
        if (index >= text.Length)
            return "end of file";
        var c = text[index];
        if (c is '\n' or '\r')
            return "end of line";
        if (c < ' ' || c == '\x7F')
            return string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)c:X4}");
        if (char.IsHighSurrogate(c) && index + 1 < text.Length)
            return "'" + text.Substring(index, 2) + "'";
        return "'" + c + "'";
    }

    private bool IsTripleQuote(int index, char quote) =>
        index + 2 < _text.Length && _text[index] == quote && _text[index + 1] == quote && _text[index + 2] == quote;
}
