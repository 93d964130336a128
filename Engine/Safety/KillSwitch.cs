using System.Diagnostics;
using System.Globalization;
using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Engine.Safety;

/// <summary>
/// Cancels every open order on every given venue and symbol, all at once, checks that the venue holds none (orders
/// that were in flight can land after the first cancel-all: it cancels again), and, if asked, flattens each position
/// with a reduce-only market order. It talks to the venues directly over REST, so it works the same from the
/// <c>kill</c> command in a second process and from inside a session whose actors are stuck.
/// </summary>
public sealed class KillSwitch
{
    private readonly IReadOnlyList<(IKillSwitchVenue Venue, IReadOnlyList<string> Symbols)> _targets;
    private readonly string _clientOrderPrefix;

    /// <summary>How many cancel-all rounds at most before the orders still open are reported.</summary>
    public int MaxCancelRounds { get; init; } = 5;

    /// <summary>The wait between a cancel-all and the check of what is open.</summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A switch over <paramref name="targets"/>; flatten orders' client ids start with <paramref name="clientOrderPrefix"/>.</summary>
    public KillSwitch(IReadOnlyList<(IKillSwitchVenue Venue, IReadOnlyList<string> Symbols)> targets, string clientOrderPrefix)
    {
        _targets = targets;
        _clientOrderPrefix = clientOrderPrefix;
    }

    /// <summary>Runs the switch; one report per venue and symbol, in the order given.</summary>
    public async Task<IReadOnlyList<KillReport>> Run(bool flatten)
    {
        var watch = Stopwatch.StartNew();
        var connected = _targets.Select(t => t.Venue.Connect()).ToArray();
        var work = new List<Task<KillReport>>();
        for (int v = 0; v < _targets.Count; v++)
        {
            var (venue, symbols) = _targets[v];
            var connect = connected[v];
            for (int s = 0; s < symbols.Count; s++)
            {
                string symbol = symbols[s];
                int number = work.Count;
                work.Add(Task.Run(async () => await OneSymbol(venue, symbol, await connect.ConfigureAwait(false), flatten, number, watch).ConfigureAwait(false)));
            }
        }
        return await Task.WhenAll(work).ConfigureAwait(false);
    }

    private async Task<KillReport> OneSymbol(IKillSwitchVenue venue, string symbol, string? connectProblem, bool flatten, int number, Stopwatch watch)
    {
        var problems = new List<string>();
        // Without the server time a signed request may still pass within recvWindow: try anyway, and say so.
        if (connectProblem is not null) problems.Add("server time: " + connectProblem);
        int requests = 0;
        double cancelledAt = 0;
        int? open = null;
        for (int round = 0; round < MaxCancelRounds; round++)
        {
            string? cancel = await venue.CancelAll(symbol).ConfigureAwait(false);
            requests++;
            cancelledAt = watch.Elapsed.TotalMilliseconds;
            await Task.Delay(SettleDelay).ConfigureAwait(false);
            (open, string? asked) = await venue.OpenOrders(symbol).ConfigureAwait(false);
            if (open == 0) break;
            // A cancel-all refused because nothing was open (spot answers -2011) matters only if orders are still open.
            // The same refusal every round (a bad key) is said once.
            if (cancel is not null && !problems.Contains("cancel-all: " + cancel)) problems.Add("cancel-all: " + cancel);
            if (asked is not null && !problems.Contains("open orders: " + asked)) problems.Add("open orders: " + asked);
        }
        if (open is > 0) problems.Add($"{open} orders still open after {requests} cancel-all requests");
        decimal? before = null, after = null;
        if (flatten && venue.HasPositions)
        {
            (before, string? read) = await venue.Position(symbol).ConfigureAwait(false);
            if (read is not null) problems.Add("position: " + read);
            after = before;
            if (before is { } p && p != 0)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"{_clientOrderPrefix}kill{DateTime.UtcNow:HHmmssfff}{number}");
                string? sent = await venue.ReduceOnlyMarketOrder(symbol, p > 0 ? Side.Sell : Side.Buy, Math.Abs(p), id).ConfigureAwait(false);
                if (sent is not null) problems.Add("flatten: " + sent);
                for (int check = 0; check < 10 && after != 0; check++)
                {
                    await Task.Delay(SettleDelay).ConfigureAwait(false);
                    (after, read) = await venue.Position(symbol).ConfigureAwait(false);
                    if (read is not null && check == 9) problems.Add("position after the flatten: " + read);
                }
                if (after is { } left && left != 0) problems.Add($"position {left.ToString(CultureInfo.InvariantCulture)} left after the flatten");
            }
        }
        return new KillReport
        {
            Venue = venue.Name, Symbol = symbol, CancelledAfterMs = cancelledAt, CancelRequests = requests, OpenAfter = open,
            PositionBefore = before, PositionAfter = after, HasPositions = venue.HasPositions, Flatten = flatten, Problems = problems,
        };
    }

    /// <summary>One line for the console or the log.</summary>
    public static string Describe(KillReport r)
    {
        var c = CultureInfo.InvariantCulture;
        string open = r.OpenAfter is { } n ? n.ToString(c) + " open orders left" : "open orders unknown";
        string line = string.Create(c, $"{r.Venue} {r.Symbol}: last cancel-all answered after {r.CancelledAfterMs:F1} ms ({r.CancelRequests} sent), {open}");
        if (r.Flatten)
            line += !r.HasPositions ? "; no positions on this venue (balances are left as they are)"
                : $"; position {Text(r.PositionBefore)} -> {Text(r.PositionAfter)}";
        if (r.Problems.Count > 0) line += "; " + string.Join("; ", r.Problems);
        return line;
    }

    private static string Text(decimal? d) => d is { } v ? v.ToString(CultureInfo.InvariantCulture) : "unknown";
}
