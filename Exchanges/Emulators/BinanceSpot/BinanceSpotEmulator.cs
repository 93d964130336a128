using System.Globalization;
using Hft.Exchanges.Emulators.Common;
using Microsoft.Extensions.Hosting;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// A running Binance spot emulator on 127.0.0.1: the venue replaying its market, its Kestrel host and its routes.
/// Start it with <see cref="StartAsync"/>, read <see cref="Port"/>, stop it with <see cref="DisposeAsync"/>; or let
/// <see cref="RunAsync"/> do all of it for the command line.
/// </summary>
public sealed class BinanceSpotEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;
    private readonly CancellationTokenSource _stop = new();
    private Task _replay = Task.CompletedTask;

    private BinanceSpotEmulator(BinanceSpotOptions options)
    {
        Venue = new SpotVenue(options);
        var routes = new SpotRoutes(Venue, _stop.Token);
        _host = new EmulatorHost(options.Host, routes.Map);
    }

    /// <summary>The emulated venue (its state, for tests and the summary).</summary>
    public SpotVenue Venue { get; }

    /// <summary>The port listened on.</summary>
    public int Port => _host.Port;

    /// <summary><c>http://127.0.0.1:port</c>: the REST base (paths <c>/api/v3/...</c>).</summary>
    public Uri RestBase => new($"http://127.0.0.1:{Port}");

    /// <summary><c>ws://127.0.0.1:port</c>: the stream base (<c>/ws/...</c>, <c>/stream?streams=...</c>, <c>/ws-api/v3</c>).</summary>
    public Uri StreamBase => new($"ws://127.0.0.1:{Port}");

    /// <summary>The host's lifetime (Ctrl-C and SIGTERM stop it when the options ask for signal handling).</summary>
    public IHostApplicationLifetime Lifetime => _host.Lifetime;

    /// <summary>Builds the venue, starts listening and starts the replay.</summary>
    public static async Task<BinanceSpotEmulator> StartAsync(BinanceSpotOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var emulator = new BinanceSpotEmulator(options);
        try
        {
            await emulator._host.StartAsync(cancel).ConfigureAwait(false);
        }
        catch
        {
            await emulator._host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        emulator._replay = Task.Run(() => emulator.Venue.RunAsync(emulator._stop.Token), CancellationToken.None);
        return emulator;
    }

    /// <summary>
    /// The <c>emulate binance-spot</c> command's whole run: starts, prints where it listens on standard error, runs
    /// until <paramref name="duration"/> has passed, <paramref name="cancel"/> fires, or Ctrl-C/SIGTERM stop the host
    /// (when <see cref="HostSettings.HandleSignals"/> is set), then prints the summary on standard output (one JSON
    /// object with <paramref name="json"/>, aligned text otherwise). Returns the exit code, 0.
    /// </summary>
    public static async Task<int> RunAsync(BinanceSpotOptions options, TimeSpan? duration, bool json, CancellationToken cancel = default)
    {
        await using var emulator = await StartAsync(options, cancel).ConfigureAwait(false);
        var c = CultureInfo.InvariantCulture;
        await Console.Error.WriteLineAsync(string.Create(c,
            $"binance-spot emulator on http://127.0.0.1:{emulator.Port} (streams ws://127.0.0.1:{emulator.Port}/ws/..., /stream?streams=..., WebSocket API /ws-api/v3): {options.Market.Source}, {options.Symbol.ToUpperInvariant()}, speed {options.Speed}, matching {Hft.Backtest.Venue.ExchangeModels.NameOf(options.Matching)}, faults {options.Faults}; {(duration is { } d ? $"stops after {d.TotalSeconds} s" : "Ctrl-C to stop")}")).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, emulator.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C, SIGTERM or the caller: the summary still gets printed.
        }
        var report = emulator.Report();
        if (json) await Console.Out.WriteLineAsync(report.ToJson()).ConfigureAwait(false);
        else await Console.Out.WriteAsync(report.ToText()).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The run summary now.</summary>
    public RunReport Report() => Venue.Report();

    /// <summary>Stops the replay and the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
        await _replay.ConfigureAwait(false);
        Venue.Market.DropAll();
        Venue.Users.DropAll();
        await _host.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
