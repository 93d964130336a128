namespace Hft.Exchanges.Emulators.Common;

/// <summary>How an injected REST failure answers, and whether the request was carried out anyway.</summary>
public enum RestFailureKind
{
    /// <summary>HTTP 503 "Unknown error, please check your request or try again later." after carrying the request out.</summary>
    UnknownExecuted,
    /// <summary>HTTP 503 "Unknown error, ..." without carrying it out (the client cannot tell the two apart).</summary>
    UnknownNotExecuted,
    /// <summary>HTTP 503 "Service Unavailable.": the request failed and was not carried out.</summary>
    Unavailable,
    /// <summary>HTTP 408 with code -1007 (backend time-out, execution status unknown) after carrying it out.</summary>
    Timeout,
}

/// <summary>The names of <see cref="RestFailureKind"/> in <c>--faults</c> and <c>/admin/faults</c>.</summary>
public static class RestFailureKinds
{
    /// <summary>Every accepted name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["unknown-executed", "unknown-not-executed", "unavailable", "timeout"];

    /// <summary>The kind of a name.</summary>
    public static RestFailureKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "unknown-executed" or "unknown" => RestFailureKind.UnknownExecuted,
        "unknown-not-executed" => RestFailureKind.UnknownNotExecuted,
        "unavailable" => RestFailureKind.Unavailable,
        "timeout" => RestFailureKind.Timeout,
        _ => throw new ArgumentException($"unknown REST failure '{name}'; available: {string.Join(", ", Names)}"),
    };

    /// <summary>The name of a kind.</summary>
    public static string NameOf(RestFailureKind kind) => Names[(int)kind];

    /// <summary>True if the emulator carries the request out before answering with the failure.</summary>
    public static bool Executes(RestFailureKind kind) => kind is RestFailureKind.UnknownExecuted or RestFailureKind.Timeout;
}
