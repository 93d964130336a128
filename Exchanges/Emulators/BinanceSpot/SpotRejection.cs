namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// A request the venue refuses: HTTP status, the venue's code and message (<c>{"code":-2010,"msg":"..."}</c>) and
/// a short reason name for the run summary. Messages never carry keys or secrets.
/// </summary>
public sealed class SpotRejection(int httpStatus, int code, string message, string reason) : Exception(message)
{
    /// <summary>HTTP status of the answer (400, 401, ...).</summary>
    public int HttpStatus { get; } = httpStatus;
    /// <summary>The venue's error code, e.g. -2010.</summary>
    public int Code { get; } = code;
    /// <summary>Reason name counted in <c>orders_rejected</c>, e.g. <c>WOULD_MATCH_IMMEDIATELY</c>.</summary>
    public string Reason { get; } = reason;

    /// <summary>-1102: a mandatory parameter is missing.</summary>
    public static SpotRejection Missing(string name) =>
        new(400, -1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.", "MANDATORY_PARAMETER");

    /// <summary>-1100: a parameter does not have the expected shape.</summary>
    public static SpotRejection Illegal(string name, string legal) =>
        new(400, -1100, $"Illegal characters found in parameter '{name}'; legal range is '{legal}'.", "ILLEGAL_PARAMETER");

    /// <summary>-1106: a parameter the order type does not take.</summary>
    public static SpotRejection NotRequired(string name) =>
        new(400, -1106, $"Parameter '{name}' sent when not required.", "PARAMETER_NOT_REQUIRED");

    /// <summary>-1013: a symbol filter refused the order.</summary>
    public static SpotRejection Filter(string filter) => new(400, -1013, $"Filter failure: {filter}", "FILTER_" + filter);

    /// <summary>-1121: not a listed symbol.</summary>
    public static SpotRejection InvalidSymbol() => new(400, -1121, "Invalid symbol.", "INVALID_SYMBOL");

    /// <summary>-2010: the matching engine refused a new order.</summary>
    public static SpotRejection NewOrder(string message, string reason) => new(400, -2010, message, reason);

    /// <summary>-2011 "Unknown order sent.": no such open order to cancel.</summary>
    public static SpotRejection UnknownOrder() => new(400, -2011, "Unknown order sent.", "UNKNOWN_ORDER");

    /// <summary>-2013 "Order does not exist.": no such order to query or amend.</summary>
    public static SpotRejection NoSuchOrder() => new(400, -2013, "Order does not exist.", "NO_SUCH_ORDER");
}
