using System.Text.Json;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Bybit.Http;

/// <summary>
/// The result of one Bybit v5 REST call. Bybit answers business errors with HTTP 200 and a non-zero <c>retCode</c> in its
/// envelope (<c>{"retCode","retMsg","result","retExtInfo","time"}</c>), so the outcome comes from the body first and the
/// status second.
/// </summary>
/// <param name="Outcome">What it means for the caller.</param>
/// <param name="HttpStatus">HTTP status (0 if no response came).</param>
/// <param name="Body">Response body (empty if none).</param>
/// <param name="RetCode">The envelope's <c>retCode</c> (0 on success or when there was no envelope).</param>
/// <param name="Message">The envelope's <c>retMsg</c> on an error, or the transport problem; empty on success.</param>
public sealed record BybitResponse(RestOutcome Outcome, int HttpStatus, string Body, int RetCode, string Message)
{
    /// <summary>Per-UID rate limit ("Too many visits!").</summary>
    public const int TooManyVisits = 10006;

    /// <summary>The order does not exist (or is no longer active).</summary>
    public const int OrderNotExists = 110001;

    /// <summary>The order already completed or was cancelled.</summary>
    public const int OrderFinished = 110008;

    /// <summary>True for <see cref="RestOutcome.Ok"/>.</summary>
    public bool IsOk => Outcome == RestOutcome.Ok;

    /// <summary>The body as a JSON document (the caller disposes it).</summary>
    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>"retCode 110001: order not exists" for logs and reject reasons (never holds keys or signatures).</summary>
    public string Describe() => RetCode != 0
        ? $"retCode {RetCode}: {Message}"
        : HttpStatus != 0 ? $"HTTP {HttpStatus}: {Message}" : Message;

    /// <summary>Classifies a response by its envelope and status.</summary>
    public static BybitResponse From(int status, string body)
    {
        int code = 0;
        string message = "";
        bool envelope = false;
        if (body.Length > 0 && body[0] == '{')
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.TryGetProperty("retCode", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out int n))
                {
                    envelope = true;
                    code = n;
                    if (n != 0 && doc.RootElement.TryGetProperty("retMsg", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString() ?? "";
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's error page): the status decides.
            }
        }
        var outcome = status switch
        {
            // "access too frequent": Bybit asks the IP to stop every session for at least 10 minutes.
            403 => RestOutcome.Banned,
            429 => RestOutcome.RateLimited,
            >= 500 => RestOutcome.Unknown,
            _ when code == TooManyVisits => RestOutcome.RateLimited,
            // Server error or restart: the request may or may not have been acted on.
            _ when code is 10016 or 10019 => RestOutcome.Unknown,
            >= 200 and < 300 when envelope && code == 0 => RestOutcome.Ok,
            >= 200 and < 300 when !envelope => RestOutcome.Unknown,
            _ => RestOutcome.Rejected,
        };
        // 10004 echoes the string it expected us to sign, API key included: never keep it.
        int origin = message.IndexOf("origin_string", StringComparison.Ordinal);
        if (origin >= 0) message = message[..origin].TrimEnd() + " (the venue's origin string is withheld: it holds the API key)";
        if (message.Length == 0 && outcome != RestOutcome.Ok)
            message = !envelope && status is >= 200 and < 300 ? "an answer without Bybit's envelope: " + Truncate(body) : status >= 500 ? Truncate(body) : $"HTTP {status}";
        return new BybitResponse(outcome, status, body, code, message);
    }

    /// <summary>A call that got no response (connection refused, our time-out).</summary>
    public static BybitResponse NoResponse(string problem) => new(RestOutcome.Unknown, 0, "", 0, problem);

    /// <summary>A call not sent at all, with why.</summary>
    public static BybitResponse NotSent(RestOutcome outcome, string why) => new(outcome, 0, "", 0, why);

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "...";
}
