using System.Globalization;
using System.Net.Http.Headers;

namespace Hft.Exchanges.Binance.Common;

/// <summary>
/// What Binance says about our request budget, from its response headers: the IP's weight used this minute
/// (<c>X-MBX-USED-WEIGHT-1M</c>) and the account's orders in the last 10 s and minute (<c>X-MBX-ORDER-COUNT-10S</c>,
/// <c>-1M</c>). Before each request the transport asks how long to wait: nothing while under the limits (with a
/// margin), until the window turns when near them, until <c>Retry-After</c> after a 429, and forever after a 418
/// (sending on after a 429 is what gets an IP banned).
/// </summary>
public sealed class BinanceRateLimits : Hft.Exchanges.Common.IRateLimitUsageSource
{
    private readonly object _gate = new();
    private long _windowMinute;
    private long _window10s;
    private int _usedWeight;
    private int _orders10s;
    private int _orders1m;
    private long _backOffUntilMs;

    /// <summary>Limits to stay under (the venue's: 2400 weight and 1200 orders a minute, 300 orders in 10 s on futures).</summary>
    public BinanceRateLimits(int weightPerMinute = 2400, int ordersPer10s = 300, int ordersPerMinute = 1200)
    {
        WeightPerMinute = weightPerMinute;
        OrdersPer10s = ordersPer10s;
        OrdersPerMinute = ordersPerMinute;
    }

    /// <summary>Request weight allowed per minute.</summary>
    public int WeightPerMinute { get; private set; }
    /// <summary>Orders allowed per 10 s.</summary>
    public int OrdersPer10s { get; private set; }
    /// <summary>Orders allowed per minute.</summary>
    public int OrdersPerMinute { get; private set; }

    /// <summary>
    /// Takes the limits the venue publishes in <c>exchangeInfo.rateLimits</c> (read at start-up rather than hard-coded:
    /// spot, for one, allows 50 orders in 10 s where futures allows 300). Limits of other windows are left as they are.
    /// </summary>
    public void Apply(System.Text.Json.JsonElement exchangeInfo)
    {
        if (exchangeInfo.ValueKind != System.Text.Json.JsonValueKind.Object || !exchangeInfo.TryGetProperty("rateLimits", out var limits)
            || limits.ValueKind != System.Text.Json.JsonValueKind.Array) return;
        lock (_gate)
        {
            foreach (var l in limits.EnumerateArray())
            {
                if (l.ValueKind != System.Text.Json.JsonValueKind.Object) continue;
                string? type = l.TryGetProperty("rateLimitType", out var t) ? t.GetString() : null;
                string? interval = l.TryGetProperty("interval", out var i) ? i.GetString() : null;
                int num = l.TryGetProperty("intervalNum", out var n) && n.TryGetInt32(out int nv) ? nv : 0;
                int limit = l.TryGetProperty("limit", out var v) && v.TryGetInt32(out int lv) ? lv : 0;
                if (limit <= 0) continue;
                if (type == "REQUEST_WEIGHT" && interval == "MINUTE" && num == 1) WeightPerMinute = limit;
                else if (type == "ORDERS" && interval == "SECOND" && num == 10) OrdersPer10s = limit;
                else if (type == "ORDERS" && interval == "MINUTE" && num == 1) OrdersPerMinute = limit;
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<Hft.Exchanges.Common.RateLimitUsage> Usage()
    {
        lock (_gate)
        {
            return
            [
                new("weight_1m", _usedWeight, WeightPerMinute),
                new("orders_10s", _orders10s, OrdersPer10s),
                new("orders_1m", _orders1m, OrdersPerMinute),
            ];
        }
    }

    /// <summary>Weight used in the current minute, as last reported.</summary>
    public int UsedWeight { get { lock (_gate) return _usedWeight; } }

    /// <summary>True once the venue answered 418: nothing more may be sent.</summary>
    public bool Banned { get; private set; }

    /// <summary>429 answers seen.</summary>
    public int RateLimitedCount { get; private set; }

    /// <summary>How long to wait before sending (zero: now); <paramref name="isOrder"/> also checks the order counts.</summary>
    /// <exception cref="InvalidOperationException">The IP is banned (418).</exception>
    public TimeSpan DelayBeforeSend(long nowMs, bool isOrder)
    {
        lock (_gate)
        {
            if (Banned) throw new InvalidOperationException("Binance banned this IP (HTTP 418); nothing more is sent");
            if (nowMs < _backOffUntilMs) return TimeSpan.FromMilliseconds(_backOffUntilMs - nowMs);
            Roll(nowMs);
            // A margin of 10 % keeps requests already on the wire from tipping it over.
            if (_usedWeight >= WeightPerMinute * 9 / 10) return TimeSpan.FromMilliseconds(60_000 - nowMs % 60_000);
            if (isOrder && _orders10s >= OrdersPer10s * 9 / 10) return TimeSpan.FromMilliseconds(10_000 - nowMs % 10_000);
            if (isOrder && _orders1m >= OrdersPerMinute * 9 / 10) return TimeSpan.FromMilliseconds(60_000 - nowMs % 60_000);
            return TimeSpan.Zero;
        }
    }

    /// <summary>Reads the usage headers and the answer's status.</summary>
    public void OnResponse(long nowMs, int status, HttpResponseHeaders headers)
    {
        lock (_gate)
        {
            Roll(nowMs);
            if (Header(headers, "X-MBX-USED-WEIGHT-1M") is { } w) _usedWeight = w;
            if (Header(headers, "X-MBX-ORDER-COUNT-10S") is { } o10) _orders10s = o10;
            if (Header(headers, "X-MBX-ORDER-COUNT-1M") is { } o1) _orders1m = o1;
            if (status == 418)
            {
                Banned = true;
            }
            else if (status == 429)
            {
                RateLimitedCount++;
                // Without Retry-After, wait for the minute to turn.
                long wait = headers.RetryAfter?.Delta is { } d ? (long)d.TotalMilliseconds : 60_000 - nowMs % 60_000;
                _backOffUntilMs = Math.Max(_backOffUntilMs, nowMs + Math.Max(wait, 1));
            }
        }
    }

    private void Roll(long nowMs)
    {
        long minute = nowMs / 60_000, tens = nowMs / 10_000;
        if (minute != _windowMinute)
        {
            _windowMinute = minute;
            _usedWeight = 0;
            _orders1m = 0;
        }
        if (tens != _window10s)
        {
            _window10s = tens;
            _orders10s = 0;
        }
    }

    private static int? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
}
