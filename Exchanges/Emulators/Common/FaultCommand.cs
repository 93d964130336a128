using System.Text.Json.Serialization;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// The body of <c>POST /admin/faults</c>: every field is optional and each one given is applied at once, e.g.
/// <c>{"gap":1,"stale_ms":500,"rest_errors":2,"rest_error_kind":"unknown-not-executed"}</c>.
/// </summary>
public sealed record FaultCommand
{
    /// <summary>Drop every WebSocket connection now.</summary>
    [JsonPropertyName("disconnect")] public bool Disconnect { get; init; }
    /// <summary>Leave the next N depth events out of the streams.</summary>
    [JsonPropertyName("gap")] public int Gap { get; init; }
    /// <summary>Send the next N market frames twice.</summary>
    [JsonPropertyName("duplicate")] public int Duplicate { get; init; }
    /// <summary>Swap the next N market frames with the frame after each.</summary>
    [JsonPropertyName("reorder")] public int Reorder { get; init; }
    /// <summary>Market streams silent for this many ms from now.</summary>
    [JsonPropertyName("stale_ms")] public int StaleMs { get; init; }
    /// <summary>
    /// Hold the replay for this many ms from now: nothing changes and nothing is sent, so a client that caught up can be
    /// compared with <c>/admin/state</c> (a test's checkpoint); unlike <see cref="StaleMs"/>, the market does not move on unseen.
    /// A venue's own repeats of unchanged state still go out (Bybit's <c>orderbook.1</c> re-sends its snapshot every 3 s).
    /// </summary>
    [JsonPropertyName("pause_ms")] public int PauseMs { get; init; }
    /// <summary>Refuse every WebSocket upgrade (HTTP 503) for this many ms from now: a venue that is down, not only a dropped connection.</summary>
    [JsonPropertyName("refuse_ms")] public int RefuseMs { get; init; }
    /// <summary>Delay every REST answer by this many ms from now on (0 with <see cref="Clear"/> ends it).</summary>
    [JsonPropertyName("slow_ms")] public int? SlowMs { get; init; }
    /// <summary>The next N order requests fail as <see cref="RestErrorKind"/> says.</summary>
    [JsonPropertyName("rest_errors")] public int RestErrors { get; init; }
    /// <summary>One of <see cref="RestFailureKinds.Names"/>; default unknown-executed.</summary>
    [JsonPropertyName("rest_error_kind")] public string? RestErrorKind { get; init; }
    /// <summary>The next N REST requests get 429 (more requests before Retry-After then get 418).</summary>
    [JsonPropertyName("too_many_requests")] public int TooManyRequests { get; init; }
    /// <summary>Ban (HTTP 418) every REST request for this many ms from now.</summary>
    [JsonPropertyName("ban_ms")] public int BanMs { get; init; }
    /// <summary>Bybit: the next N book messages are a restart of the book service (a snapshot with <c>u = 1</c>).</summary>
    [JsonPropertyName("reset")] public int Reset { get; init; }
    /// <summary>Expire the active listen key now.</summary>
    [JsonPropertyName("expire_listen_key")] public bool ExpireListenKey { get; init; }
    /// <summary>Replace the random schedule (the <c>--faults</c> syntax; "" for none).</summary>
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    /// <summary>Cancel every pending one-shot fault, the silence, the delay and the ban first.</summary>
    [JsonPropertyName("clear")] public bool Clear { get; init; }
}
