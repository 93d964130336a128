namespace Hft.Engine.Config.Toml;

/// <summary>How a table came to be, which decides what may still be added to it.</summary>
public enum ConfigTableOrigin
{
    /// <summary>The document itself.</summary>
    Root,
    /// <summary>Only named on the way to a deeper header (<c>[a]</c> of <c>[a.b]</c>); a later <c>[a]</c> may define it.</summary>
    Implicit,
    /// <summary>A <c>[name]</c> header.</summary>
    Header,
    /// <summary>An element of an array of tables, from a <c>[[name]]</c> header.</summary>
    ArrayElement,
    /// <summary>A prefix of a dotted key (<c>a</c> of <c>a.b = 1</c>).</summary>
    DottedKey,
    /// <summary>An inline table <c>{ ... }</c>: closed once written.</summary>
    Inline,
}
