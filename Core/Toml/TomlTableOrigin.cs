namespace Hft.Core.Toml;

/// <summary>
/// How the parser brought a table into being. TOML's rules about what may be added to a table
/// later depend on this, so the parser records it on each table it creates.
/// </summary>
internal enum TomlTableOrigin
{
    /// <summary>Built in code (or the root): no parsing restrictions apply.</summary>
    Code,
    /// <summary>Created only as a prefix of a <c>[a.b.c]</c> header; may still be defined once by its own header.</summary>
    Implicit,
    /// <summary>Defined by its own <c>[header]</c> or as an element of <c>[[header]]</c>.</summary>
    Header,
    /// <summary>Created by a dotted key <c>a.b = 1</c>; more dotted keys may add to it in the same section.</summary>
    Dotted,
    /// <summary>Written as <c>{ ... }</c>; complete once closed, nothing may be added.</summary>
    Inline,
}
