namespace Hft.Core.Actors;

/// <summary>The name of an actor and the names of its ancestors, e.g. <c>/user/strategies/grid</c>.</summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _text;

    private ActorPath(ActorPath? parent, string name)
    {
        Parent = parent;
        Name = name;
        _text = parent is null ? "" : parent._text + "/" + name;
    }

    /// <summary>The root path (<c>/</c>).</summary>
    public static ActorPath Root { get; } = new(null, "");

    /// <summary>The parent path, null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element of the path.</summary>
    public string Name { get; }

    /// <summary>The path of a child with the given name.</summary>
    public ActorPath Child(string name)
    {
        ValidateName(name);
        return new ActorPath(this, name);
    }

    /// <summary>Throws if <paramref name="name"/> cannot be an actor name.</summary>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException("An actor name must not be empty.", nameof(name));
        foreach (char c in name)
        {
            if (c == '/' || char.IsWhiteSpace(c) || char.IsControl(c))
                throw new ArgumentException($"Invalid actor name '{name}': it must not contain '/', spaces or control characters.", nameof(name));
        }
    }

    /// <inheritdoc />
    public override string ToString() => _text.Length == 0 ? "/" : _text;

    /// <inheritdoc />
    public bool Equals(ActorPath? other) => other is not null && other._text == _text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);
}
