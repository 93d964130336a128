using System.Text.Json;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Common;

/// <summary>The result of one Binance REST call: its outcome, HTTP status, body and, for an error, the venue's code and message.</summary>
/// <param name="Outcome">What it means for the caller.</param>
/// <param name="HttpStatus">HTTP status (0 if no response came).</param>
/// <param name="Body">Response body (empty if none).</param>
/// <param name="Code">Venue error code (<c>-2011</c>), 0 if none.</param>
/// <param name="Message">Venue error message or transport problem, empty if none.</param>
public sealed record BinanceResponse(RestOutcome Outcome, int HttpStatus, string Body, int Code, string Message)
{
    /// <summary>True for <see cref="RestOutcome.Ok"/>.</summary>
    public bool IsOk => Outcome == RestOutcome.Ok;

    /// <summary>The body as a JSON document (the caller disposes it).</summary>
    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>"HTTP 400, code -2011: Unknown order sent." for logs and reject reasons (never holds keys or signatures).</summary>
    public string Describe() => Code != 0
        ? $"HTTP {HttpStatus}, code {Code}: {Message}"
        : HttpStatus != 0 ? $"HTTP {HttpStatus}: {Message}" : Message;

    /// <summary>
    /// Classifies a response. Binance errors have negative codes; a success body may hold a positive one (cancel-all
    /// answers <c>{"code":200,...}</c>), so a body with <c>code</c> is not an error by itself.
    /// </summary>
    public static BinanceResponse From(int status, string body)
    {
        int code = 0;
        string message = "";
        if (body.Length > 0 && body[0] == '{')
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out int n) && n < 0)
                {
                    code = n;
                    if (doc.RootElement.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString() ?? "";
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML error page): the status decides.
            }
        }
        var outcome = status switch
        {
            429 => RestOutcome.RateLimited,
            418 => RestOutcome.Banned,
            >= 500 => RestOutcome.Unknown,
            _ when code == -1007 => RestOutcome.Unknown,
            >= 200 and < 300 when code == 0 => RestOutcome.Ok,
            _ => RestOutcome.Rejected,
        };
        if (message.Length == 0 && outcome != RestOutcome.Ok) message = status >= 500 ? Truncate(body) : $"HTTP {status}";
        return new BinanceResponse(outcome, status, body, code, message);
    }

    /// <summary>A call that got no response (connection refused, our time-out).</summary>
    public static BinanceResponse NoResponse(string problem) => new(RestOutcome.Unknown, 0, "", 0, problem);

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "...";
}
