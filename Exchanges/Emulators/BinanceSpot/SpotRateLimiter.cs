using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The venue's fixed-window limits: request weight per minute (per IP) and new orders per 10 s and per day (per
/// account). A request over the weight limit gets 429 with <c>Retry-After</c>; one that comes back before that
/// time has passed gets the IP banned (418, also with <c>Retry-After</c>), as the venue escalates. Thread-safe.
/// </summary>
public sealed class SpotRateLimiter(SpotRateLimits limits, FaultSwitches faults)
{
    private readonly object _lock = new();
    private long _minute = -1, _tenSeconds = -1, _day = -1;
    private int _weight, _orders10s, _ordersDay;
    private long _retryAt;  // ms: a 429 was answered; a request before this gets the IP banned
    private long _bannedUntil;

    /// <summary>The limits announced and enforced.</summary>
    public SpotRateLimits Limits => limits;

    /// <summary>Counts a request of <paramref name="weight"/>; null if it may go on, else the refusal.</summary>
    public RateVerdict? Admit(long nowMs, int weight)
    {
        bool forced = faults.NextForcedRateLimit();
        lock (_lock)
        {
            Roll(nowMs);
            if (nowMs < _bannedUntil) return Banned(nowMs);
            if (nowMs < _retryAt)
            {
                // The client ignored Retry-After: the venue bans the IP.
                BanLocked(nowMs, limits.BanDuration);
                faults.Record("ban");
                return Banned(nowMs);
            }
            _weight += weight;
            if (!forced && _weight <= limits.WeightPerMinute) return null;
            long windowEnd = (_minute + 1) * 60_000;
            _retryAt = windowEnd;
            return new RateVerdict(429, -1003,
                $"Too much request weight used; current limit is {limits.WeightPerMinute} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
                Seconds(windowEnd - nowMs), windowEnd);
        }
    }

    /// <summary>Counts a new order; null if within the order limits, else the 429 (-1015).</summary>
    public RateVerdict? AdmitOrder(long nowMs)
    {
        lock (_lock)
        {
            Roll(nowMs);
            if (_orders10s + 1 > limits.OrdersPer10Seconds)
            {
                long end = (_tenSeconds + 1) * 10_000;
                return new RateVerdict(429, -1015, $"Too many new orders; current limit is {limits.OrdersPer10Seconds} orders per 10 SECOND.", Seconds(end - nowMs), end);
            }
            if (_ordersDay + 1 > limits.OrdersPerDay)
            {
                long end = (_day + 1) * 86_400_000;
                return new RateVerdict(429, -1015, $"Too many new orders; current limit is {limits.OrdersPerDay} orders per 1 DAY.", Seconds(end - nowMs), end);
            }
            _orders10s++;
            _ordersDay++;
            return null;
        }
    }

    /// <summary>Bans the IP for <paramref name="duration"/> from now (fault).</summary>
    public void Ban(long nowMs, TimeSpan duration)
    {
        lock (_lock) BanLocked(nowMs, duration);
    }

    /// <summary>Forgets a pending 429 and any ban (the admin's <c>clear</c>).</summary>
    public void Clear()
    {
        lock (_lock) _retryAt = _bannedUntil = 0;
    }

    /// <summary>Weight used in the current minute (<c>X-MBX-USED-WEIGHT-1M</c>).</summary>
    public int UsedWeight(long nowMs)
    {
        lock (_lock) { Roll(nowMs); return _weight; }
    }

    /// <summary>Orders counted in the current 10 s and day windows (<c>X-MBX-ORDER-COUNT-10S</c>, <c>-1D</c>).</summary>
    public (int TenSeconds, int Day) OrderCounts(long nowMs)
    {
        lock (_lock) { Roll(nowMs); return (_orders10s, _ordersDay); }
    }

    private void BanLocked(long nowMs, TimeSpan duration)
    {
        _bannedUntil = Math.Max(_bannedUntil, nowMs + (long)duration.TotalMilliseconds);
        _retryAt = 0;
    }

    private RateVerdict Banned(long nowMs) => new(418, -1003,
        $"Way too much request weight used; IP banned until {_bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.",
        Seconds(_bannedUntil - nowMs), _bannedUntil);

    private void Roll(long nowMs)
    {
        long minute = nowMs / 60_000, ten = nowMs / 10_000, day = nowMs / 86_400_000;
        if (minute != _minute) { _minute = minute; _weight = 0; }
        if (ten != _tenSeconds) { _tenSeconds = ten; _orders10s = 0; }
        if (day != _day) { _day = day; _ordersDay = 0; }
    }

    private static int Seconds(long ms) => (int)Math.Max(1, (ms + 999) / 1000);
}
