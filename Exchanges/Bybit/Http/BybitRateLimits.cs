using System.Globalization;
using System.Net.Http.Headers;

namespace Hft.Exchanges.Bybit.Http;

/// <summary>
/// Bybit's request budget as its headers tell it, per endpoint (<c>X-Bapi-Limit</c>, <c>X-Bapi-Limit-Status</c> = what
/// is left, <c>X-Bapi-Limit-Reset-Timestamp</c>), plus our own cap on orders per second (the venue's default is 10/s
/// for linear create, amend and cancel). Before each request the client asks how long to wait: nothing while budget
/// is left, until the endpoint's reset after it ran out or after a <c>10006</c>, and forever after an HTTP 403 (the IP
/// limit: Bybit asks for every session to stop).
/// </summary>
public sealed class BybitRateLimits : Hft.Exchanges.Common.IRateLimitUsageSource
{
    private readonly object _gate = new();
    private readonly Dictionary<string, EndpointBudget> _endpoints = new(StringComparer.Ordinal);
    // The venue counts a request when it arrives, which may be a little after we let it go: our second is a bit longer.
    private const long Window = 1100;
    // Send times of the order requests of the last second: the venue's window rolls, it does not restart each second.
    private readonly Queue<long> _recentOrders = new();

    /// <summary>Limits with at most <paramref name="ordersPerSecond"/> order requests a second.</summary>
    public BybitRateLimits(int ordersPerSecond = 10) => OrdersPerSecond = ordersPerSecond;

    /// <summary>Order requests (create, amend, cancel) allowed per second.</summary>
    public int OrdersPerSecond { get; }

    /// <summary>True once the venue answered 403: nothing more may be sent.</summary>
    public bool Banned { get; private set; }

    /// <summary>Rate-limit answers seen (429, 10006).</summary>
    public int RateLimitedCount { get; private set; }

    /// <summary>How long to wait before sending to <paramref name="path"/> (zero: now); orders also count against <see cref="OrdersPerSecond"/>.</summary>
    /// <exception cref="InvalidOperationException">The IP is banned (403).</exception>
    public TimeSpan DelayBeforeSend(string path, long nowMs, bool isOrder)
    {
        lock (_gate)
        {
            if (Banned) throw new InvalidOperationException("Bybit refused this IP (HTTP 403, access too frequent); nothing more is sent");
            if (_endpoints.TryGetValue(path, out var b) && (b.BackOffUntilMs > nowMs || (b.Remaining <= 0 && b.ResetMs > nowMs)))
                return TimeSpan.FromMilliseconds(Math.Max(b.BackOffUntilMs, b.Remaining <= 0 ? b.ResetMs : 0) - nowMs);
            if (isOrder)
            {
                while (_recentOrders.Count > 0 && _recentOrders.Peek() <= nowMs - Window) _recentOrders.Dequeue();
                // A margin of 10 % keeps requests already on the wire from tipping it over.
                if (_recentOrders.Count >= Math.Max(1, OrdersPerSecond * 9 / 10)) return TimeSpan.FromMilliseconds(_recentOrders.Peek() + Window + 1 - nowMs);
                _recentOrders.Enqueue(nowMs);
            }
            return TimeSpan.Zero;
        }
    }

    /// <summary>Reads the budget headers of an answer from <paramref name="path"/>, with its status and <c>retCode</c>.</summary>
    public void OnResponse(string path, long nowMs, int status, int retCode, HttpResponseHeaders headers)
    {
        lock (_gate)
        {
            if (!_endpoints.TryGetValue(path, out var b)) _endpoints[path] = b = new EndpointBudget();
            if (Header(headers, "X-Bapi-Limit") is { } limit) b.Limit = (int)limit;
            if (Header(headers, "X-Bapi-Limit-Status") is { } left) b.Remaining = (int)left;
            if (Header(headers, "X-Bapi-Limit-Reset-Timestamp") is { } reset) b.ResetMs = reset;
            if (status == 403)
            {
                Banned = true;
            }
            else if (status == 429 || retCode == BybitResponse.TooManyVisits)
            {
                RateLimitedCount++;
                // The limits roll per second: without a reset time, wait for the next one.
                long until = b.ResetMs > nowMs ? b.ResetMs : nowMs + 1000;
                b.BackOffUntilMs = Math.Max(b.BackOffUntilMs, until);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<Hft.Exchanges.Common.RateLimitUsage> Usage()
    {
        lock (_gate)
        {
            var usage = new List<Hft.Exchanges.Common.RateLimitUsage> { new("orders_1s", _recentOrders.Count, OrdersPerSecond) };
            foreach (var (path, b) in _endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
                if (b.Limit > 0) usage.Add(new(path, b.Limit - Math.Min(b.Remaining, b.Limit), b.Limit));
            return usage;
        }
    }

    /// <summary>What the venue last said about <paramref name="path"/>'s budget: its limit and what was left (null if never told).</summary>
    public (int Limit, int Remaining)? Budget(string path)
    {
        lock (_gate) return _endpoints.TryGetValue(path, out var b) && b.Limit > 0 ? (b.Limit, b.Remaining) : null;
    }

    private static long? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;

    private sealed class EndpointBudget
    {
        public int Limit { get; set; }
        public int Remaining { get; set; } = int.MaxValue;
        public long ResetMs { get; set; }
        public long BackOffUntilMs { get; set; }
    }
}
