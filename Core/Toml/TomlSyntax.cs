using System.Buffers;

namespace Hft.Core.Toml;

/// <summary>
/// Character classes of the TOML grammar as vectorised search sets, so the parser can skip runs of
/// ordinary text with one <c>IndexOfAny</c> instead of testing each character.
/// </summary>
internal static class TomlSyntax
{
    /// <summary>Characters allowed in a bare key: A-Z a-z 0-9 _ -.</summary>
    public static readonly SearchValues<char> BareKeyChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>Where a comment stops: a line break or any control character TOML forbids (all but tab).</summary>
    public static readonly SearchValues<char> CommentStops = Controls(allowLineFeed: false, "");

    /// <summary>Where a run of plain text in a basic string stops.</summary>
    public static readonly SearchValues<char> BasicStops = Controls(allowLineFeed: false, "\"\\");

    /// <summary>Where a run of plain text in a multi-line basic string stops (line feeds are content).</summary>
    public static readonly SearchValues<char> MultilineBasicStops = Controls(allowLineFeed: true, "\"\\");

    /// <summary>Where a run of plain text in a literal string stops.</summary>
    public static readonly SearchValues<char> LiteralStops = Controls(allowLineFeed: false, "'");

    /// <summary>Where a run of plain text in a multi-line literal string stops (line feeds are content).</summary>
    public static readonly SearchValues<char> MultilineLiteralStops = Controls(allowLineFeed: true, "'");

    // TOML 1.0.0 allows tab but no other C0 control, and not DEL, in comments and strings.
    private static SearchValues<char> Controls(bool allowLineFeed, string extra)
    {
        var chars = new List<char>(extra);
        for (var c = '\0'; c < ' '; c++)
        {
            if (c == '\t' || (allowLineFeed && c == '\n'))
                continue;
            chars.Add(c);
        }
        chars.Add('\x7F');
        return SearchValues.Create(chars.ToArray());
    }
}
