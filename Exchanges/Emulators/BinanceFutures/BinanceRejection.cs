namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// A request the venue refuses: the error code and message of the body <c>{"code":..,"msg":..}</c>, the HTTP
/// status it comes with, and the code's name (counted in the run summary).
/// </summary>
public sealed class BinanceRejection : Exception
{
    /// <summary>Creates the refusal.</summary>
    public BinanceRejection(int code, string name, string message, int httpStatus = 400) : base(message)
    {
        Code = code;
        Name = name;
        HttpStatus = httpStatus;
    }

    /// <summary>The venue's negative error code.</summary>
    public int Code { get; }
    /// <summary>The code's name, e.g. <c>GTX_ORDER_REJECT</c>.</summary>
    public string Name { get; }
    /// <summary>HTTP status of the answer.</summary>
    public int HttpStatus { get; }

    /// <summary>-1102: a mandatory parameter is missing, empty or malformed.</summary>
    public static BinanceRejection Missing(string parameter) =>
        new(-1102, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", $"Mandatory parameter '{parameter}' was not sent, was empty/null, or malformed.");

    /// <summary>-1102 for a parameter whose value cannot be read.</summary>
    public static BinanceRejection Malformed(string parameter) =>
        new(-1102, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", $"Mandatory parameter '{parameter}' was not sent, was empty/null, or malformed.");

    /// <summary>-1121: the symbol is not listed.</summary>
    public static BinanceRejection BadSymbol() => new(-1121, "BAD_SYMBOL", "Invalid symbol.");

    /// <summary>-2011: cancel of an unknown or already final order.</summary>
    public static BinanceRejection UnknownOrder() => new(-2011, "CANCEL_REJECTED", "Unknown order sent.");

    /// <summary>-2013: query or amend of an unknown order.</summary>
    public static BinanceRejection NoSuchOrder() => new(-2013, "NO_SUCH_ORDER", "Order does not exist.");
}
