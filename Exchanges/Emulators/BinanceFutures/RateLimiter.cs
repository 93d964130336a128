using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// Counts request weight per minute and orders per 10 s and per minute in fixed windows, as the venue does. Over
/// a limit: HTTP 429 with Retry-After (seconds to the window's end) and -1003 (or -1015 for orders); a request
/// before Retry-After has elapsed (beyond the short grace for requests already in flight): HTTP 418, banned for the
/// ban duration. Thread-safe.
/// </summary>
public sealed class RateLimiter
{
    private readonly object _lock = new();
    private readonly RateLimits _limits;
    private readonly FaultSwitches _faults;
    private long _weightWindow, _weight, _orders10Window, _orders10, _orders60Window, _orders60;
    private long _backOffUntil, _bannedUntil, _backOffSince;

    /// <summary>
    /// How long after a 429 requests are still answered with 429 rather than a ban: those were already on the wire when
    /// the client was told to back off. A client that keeps sending after that is "continuing after 429".
    /// </summary>
    public const int InFlightGraceMs = 250;

    /// <summary>A limiter enforcing <paramref name="limits"/>; forced 429s come from <paramref name="faults"/>.</summary>
    public RateLimiter(RateLimits limits, FaultSwitches faults)
    {
        _limits = limits;
        _faults = faults;
    }

    /// <summary>The limits.</summary>
    public RateLimits Limits => _limits;

    /// <summary>Counts a request and decides; the counters to report in headers are returned either way.</summary>
    public RateDecision Admit(long nowMs, int weight, int orders)
    {
        lock (_lock)
        {
            Roll(nowMs);
            if (nowMs < _bannedUntil) return Banned(nowMs);
            if (nowMs < _backOffUntil && nowMs - _backOffSince <= InFlightGraceMs)
                return new RateDecision(429, -1003, Seconds(nowMs, _backOffUntil), "Too many requests; back off until Retry-After.", _weight, _orders10, _orders60);
            if (nowMs < _backOffUntil)
            {
                // Told to back off and did not: the venue bans the IP.
                _bannedUntil = nowMs + (long)_limits.BanDuration.TotalMilliseconds;
                _faults.Record("ban");
                return Banned(nowMs);
            }
            _weight += weight;
            _orders10 += orders;
            _orders60 += orders;
            bool forced = _faults.NextForcedRateLimit();
            if (forced || _weight > _limits.WeightPerMinute)
            {
                // A forced 429 asks for a one-second pause; a real overrun lasts to the end of the minute.
                long end = forced && _weight <= _limits.WeightPerMinute ? nowMs + 1000 : _weightWindow + 60_000;
                return TooMany(nowMs, end, -1003, $"Too many requests; current limit of IP is {_limits.WeightPerMinute} requests per minute. Please use the websocket for live updates to avoid polling the API.");
            }
            if (orders > 0 && _orders10 > _limits.OrdersPer10Seconds)
                return TooMany(nowMs, _orders10Window + 10_000, -1015, $"Too many new orders; current limit is {_limits.OrdersPer10Seconds} orders per TEN_SECONDS.");
            if (orders > 0 && _orders60 > _limits.OrdersPerMinute)
                return TooMany(nowMs, _orders60Window + 60_000, -1015, $"Too many new orders; current limit is {_limits.OrdersPerMinute} orders per MINUTE.");
            return new RateDecision(200, 0, 0, null, _weight, _orders10, _orders60);
        }
    }

    /// <summary>Bans every request for <paramref name="duration"/> from now (fault injection).</summary>
    public void Ban(long nowMs, TimeSpan duration)
    {
        lock (_lock) _bannedUntil = nowMs + (long)duration.TotalMilliseconds;
    }

    private RateDecision TooMany(long nowMs, long until, int code, string message)
    {
        if (nowMs >= _backOffUntil) _backOffSince = nowMs;
        _backOffUntil = Math.Max(_backOffUntil, until);
        return new RateDecision(429, code, Seconds(nowMs, _backOffUntil), message, _weight, _orders10, _orders60);
    }

    private RateDecision Banned(long nowMs)
    {
        var until = DateTimeOffset.FromUnixTimeMilliseconds(_bannedUntil);
        return new RateDecision(418, -1003, Seconds(nowMs, _bannedUntil),
            $"Way too many requests; IP(127.0.0.1) banned until {_bannedUntil}. Please use the websocket for live updates to avoid bans.",
            _weight, _orders10, _orders60) { BannedUntil = until };
    }

    private static int Seconds(long nowMs, long untilMs) => (int)Math.Max(1, (untilMs - nowMs + 999) / 1000);

    private void Roll(long nowMs)
    {
        long minute = nowMs - nowMs % 60_000;
        if (minute != _weightWindow) { _weightWindow = minute; _weight = 0; }
        long ten = nowMs - nowMs % 10_000;
        if (ten != _orders10Window) { _orders10Window = ten; _orders10 = 0; }
        if (minute != _orders60Window) { _orders60Window = minute; _orders60 = 0; }
    }
}

/// <summary>What the limiter decided for one request.</summary>
/// <param name="HttpStatus">200 to go ahead, 429 or 418.</param>
/// <param name="Code">The error code when refused.</param>
/// <param name="RetryAfterSeconds">Retry-After when refused.</param>
/// <param name="Message">The error message when refused.</param>
/// <param name="UsedWeight">X-MBX-USED-WEIGHT-1M.</param>
/// <param name="Orders10Seconds">X-MBX-ORDER-COUNT-10S.</param>
/// <param name="OrdersMinute">X-MBX-ORDER-COUNT-1M.</param>
public sealed record RateDecision(int HttpStatus, int Code, int RetryAfterSeconds, string? Message, long UsedWeight, long Orders10Seconds, long OrdersMinute)
{
    /// <summary>End of the ban (418 only).</summary>
    public DateTimeOffset? BannedUntil { get; init; }
}
