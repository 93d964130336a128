using Hft.Core.Risk;
using Hft.Exchanges.Common;

namespace Hft.Engine.Safety;

/// <summary>
/// The kill switch inside a running session. When the kill file appears or SIGUSR1 arrives it engages the latch (the
/// risk actor and the gateway refuse every new order from then on), tells the graph to halt and cancel, and, without
/// waiting for the graph, cancels everything on the venue over a REST client of its own: a strategy that blocks the
/// loop cannot hold the cancels back.
/// </summary>
internal sealed class SessionKillSwitch : IDisposable
{
    private readonly KillSwitchLatch _latch;
    private readonly Action<string> _halt;
    private readonly Func<IKillSwitchVenue>? _venue;
    private readonly IReadOnlyList<string> _symbols;
    private readonly string _clientOrderPrefix;
    private readonly Serilog.ILogger _log;
    private readonly KillSwitchWatch _watch;
    private Task<IReadOnlyList<KillReport>> _cancels = Task.FromResult<IReadOnlyList<KillReport>>([]);

    /// <param name="latch">The session's latch (the gateway's options hold the same one).</param>
    /// <param name="killFile">The file to watch, or null.</param>
    /// <param name="halt">Tells the graph (the risk actor) to halt and cancel; any thread.</param>
    /// <param name="venue">Makes the switch's own REST client, or null when no order is on a venue (paper).</param>
    /// <param name="symbols">The session's instruments.</param>
    /// <param name="clientOrderPrefix">The configured client order id prefix.</param>
    /// <param name="log">Where it says what it did.</param>
    public SessionKillSwitch(KillSwitchLatch latch, string? killFile, Action<string> halt, Func<IKillSwitchVenue>? venue, IReadOnlyList<string> symbols,
        string clientOrderPrefix, Serilog.ILogger log)
    {
        _latch = latch;
        _halt = halt;
        _venue = venue;
        _symbols = symbols;
        _clientOrderPrefix = clientOrderPrefix;
        _log = log;
        _watch = new KillSwitchWatch(killFile, Engage);
    }

    /// <summary>The switch's own cancels (complete at once until it is engaged); their reports.</summary>
    public Task<IReadOnlyList<KillReport>> Cancels => Volatile.Read(ref _cancels);

    /// <summary>Engages the switch (the watch does on the file or the signal); only the first call acts.</summary>
    public void Engage(string how)
    {
        if (!_latch.Engage(how)) return;
        _log.Warning("Kill switch engaged ({How}): trading halted for the rest of the session; cancelling every open order", how);
        _halt(how);
        if (_venue is not null) Volatile.Write(ref _cancels, Task.Run(CancelEverything));
    }

    private async Task<IReadOnlyList<KillReport>> CancelEverything()
    {
        try
        {
            using var client = _venue!();
            var reports = await new KillSwitch([(client, _symbols)], _clientOrderPrefix).Run(flatten: false).ConfigureAwait(false);
            foreach (var r in reports)
            {
                if (r.Succeeded) _log.Warning("Kill switch: {Line}", KillSwitch.Describe(r));
                else _log.Error("Kill switch: {Line}", KillSwitch.Describe(r));
            }
            return reports;
        }
        catch (Exception e)
        {
            _log.Error("Kill switch: the cancels failed: {Problem}", e.Message);
            return [];
        }
    }

    /// <inheritdoc />
    public void Dispose() => _watch.Dispose();
}
