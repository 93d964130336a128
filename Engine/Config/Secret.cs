using System.Diagnostics;

namespace Hft.Engine.Config;

/// <summary>
/// A credential read from the configuration (usually from an environment variable). It prints as
/// <c>***</c> wherever it ends up (ToString, record printing, the debugger, <c>check</c> output), so that
/// logging a settings object can never leak it; the value is read only through <see cref="Reveal"/>, by
/// the code that signs requests.
/// </summary>
[DebuggerDisplay("***")]
public sealed class Secret : IEquatable<Secret>
{
    /// <summary>What every secret prints as.</summary>
    public const string Redacted = "***";

    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    public Secret(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>True when the value is the empty string (an environment variable that is set but empty).</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>The actual value: call it only where the credential is used, never to print it.</summary>
    public string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => Redacted;

    /// <inheritdoc />
    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Secret);

    /// <inheritdoc />
    public override int GetHashCode() => string.GetHashCode(_value, StringComparison.Ordinal);
}
