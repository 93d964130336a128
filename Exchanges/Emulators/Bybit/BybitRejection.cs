namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>A request the venue refuses: answered with its envelope's <c>retCode</c> and <c>retMsg</c> (HTTP 200 unless said).</summary>
public sealed class BybitRejection(int retCode, string message, int httpStatus = 200) : Exception(message)
{
    /// <summary>The envelope's <c>retCode</c>.</summary>
    public int RetCode { get; } = retCode;

    /// <summary>The HTTP status (Bybit answers business errors with 200).</summary>
    public int HttpStatus { get; } = httpStatus;

    /// <summary>10001: a parameter is missing or malformed.</summary>
    public static BybitRejection Parameter(string detail) => new(10001, "params error: " + detail);

    /// <summary>110001: no such open order.</summary>
    public static BybitRejection OrderNotExists() => new(110001, "order not exists or too late to cancel");
}
