using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Hft.Engine.Config.Toml;

/// <summary>
/// Reads a configuration document with Tomlyn: its syntax parser with semantic validation (TOML 1.1), never the
/// serializer's model, which keeps the last of two equal keys and merges a table given twice. Every problem
/// becomes a <see cref="ConfigProblem"/> at its line and column; nothing Tomlyn throws escapes.
/// </summary>
public static class ConfigDocument
{
    /// <summary>Arrays and inline tables nested deeper than this are an error, not a stack overflow in the parser.</summary>
    public const int MaxNesting = 64;

    private static readonly TomlSerializerOptions Options = new() { MaxDepth = MaxNesting };

    /// <summary>Parses UTF-8 <paramref name="bytes"/>; throws <see cref="ConfigException"/> with every problem found.</summary>
    /// <param name="bytes">The file's bytes; a UTF-8 byte order mark is allowed.</param>
    /// <param name="fileName">The name problems give.</param>
    public static ConfigTable Parse(byte[] bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        if (InvalidUtf8(bytes, fileName) is { } problem) throw new ConfigException([problem]);
        return Parse(Encoding.UTF8.GetString(bytes), fileName);
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ConfigException"/> with every problem found.</summary>
    /// <param name="text">The document.</param>
    /// <param name="fileName">The name problems give.</param>
    public static ConfigTable Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        // A leading byte order mark is left in: Tomlyn skips it without counting it as a column, and rejects a second one.
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, Options, fileName, validate: true);
        }
        catch (TomlException e)
        {
            throw new ConfigException([new ConfigProblem(fileName, Math.Max(e.Line ?? 0, 0), Math.Max(e.Column ?? 0, 0), TomlDiagnosticText.Exception(e))]);
        }
        if (document.HasErrors) throw new ConfigException(TomlDiagnosticText.Problems(document, fileName));
        var (root, clashes) = ConfigTreeBuilder.Build(document);
        if (clashes.Count > 0)
            throw new ConfigException(clashes.Select(c => new ConfigProblem(fileName, c.At.Line, c.At.Column, c.Message)).ToList());
        return root;
    }

    // Decoding replaces bad bytes silently and Tomlyn's stream reader throws DecoderFallbackException without a
    // place, so the bytes are checked first, and the first bad one is reported where an editor shows it.
    private static ConfigProblem? InvalidUtf8(byte[] bytes, string fileName)
    {
        if (Utf8.IsValid(bytes)) return null;
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
            var before = chars.AsSpan(0, written);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < before.Length; i++)
            {
                if (before[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            var lastLine = before[lineStart..];
            if (line == 1 && lastLine.StartsWith("\uFEFF")) lastLine = lastLine[1..];
            int column = 1;
            foreach (var _ in lastLine.EnumerateRunes()) column++;
            return new ConfigProblem(fileName, line, column,
                $"invalid UTF-8 byte sequence starting with byte 0x{bytes[read]:X2}; TOML files must be UTF-8 encoded");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
