using System.Globalization;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The per-endpoint rolling one-second budgets (exchange-protocols 3.4.5), one per REST path, shared by REST and the
/// WebSocket order entry (a <c>order.create</c> on <c>/v5/trade</c> spends the budget of <c>/v5/order/create</c>: the account
/// limit is shared between WebSocket and HTTP). Each answer is what the <c>X-Bapi-Limit*</c> headers report.
/// </summary>
public sealed class BybitRateLimiter
{
    private readonly Dictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Spends one request of <paramref name="path"/>'s budget of <paramref name="limit"/> a second, unless it is spent
    /// (or <paramref name="forced"/>): then the verdict says over and nothing is spent.
    /// </summary>
    public BybitLimitVerdict Spend(string path, int limit, long nowMs, bool forced = false)
    {
        lock (_windows)
        {
            var times = Window(path, nowMs);
            bool over = forced || times.Count >= limit;
            if (!over) times.Enqueue(nowMs);
            return Verdict(times, limit, nowMs, over);
        }
    }

    /// <summary>The budget of <paramref name="path"/> now, spending nothing (for answers that never reached an endpoint).</summary>
    public BybitLimitVerdict Peek(string path, int limit, long nowMs)
    {
        lock (_windows)
        {
            // An endpoint never spent from has its whole budget (and no window is kept for paths that are not routes).
            if (!_windows.ContainsKey(path)) return new BybitLimitVerdict(limit, limit, nowMs, false);
            return Verdict(Window(path, nowMs), limit, nowMs, over: false);
        }
    }

    private Queue<long> Window(string path, long nowMs)
    {
        if (!_windows.TryGetValue(path, out var times)) _windows[path] = times = new Queue<long>();
        while (times.Count > 0 && times.Peek() <= nowMs - 1000) times.Dequeue();
        return times;
    }

    // Exceeded: the reset is when the oldest request of the window leaves it; otherwise the current time.
    private static BybitLimitVerdict Verdict(Queue<long> times, int limit, long nowMs, bool over) =>
        new(limit, Math.Max(0, limit - times.Count), over && times.Count > 0 ? times.Peek() + 1000 : nowMs, over);
}

/// <summary>One request's standing in its endpoint's budget.</summary>
/// <param name="Limit"><c>X-Bapi-Limit</c>: requests a second for the endpoint.</param>
/// <param name="Remaining"><c>X-Bapi-Limit-Status</c>: what is left of it.</param>
/// <param name="ResetMs"><c>X-Bapi-Limit-Reset-Timestamp</c>: when it frees up if exceeded, else now.</param>
/// <param name="Over">True if the request was refused (10006).</param>
public readonly record struct BybitLimitVerdict(int Limit, int Remaining, long ResetMs, bool Over)
{
    /// <summary>The three header values as Bybit writes them (decimal strings), in the venue's order.</summary>
    public IEnumerable<(string Name, string Value)> Headers()
    {
        yield return ("X-Bapi-Limit", Limit.ToString(CultureInfo.InvariantCulture));
        yield return ("X-Bapi-Limit-Status", Remaining.ToString(CultureInfo.InvariantCulture));
        yield return ("X-Bapi-Limit-Reset-Timestamp", ResetMs.ToString(CultureInfo.InvariantCulture));
    }
}
