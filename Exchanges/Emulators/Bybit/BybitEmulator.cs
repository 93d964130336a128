using Hft.Exchanges.Emulators.Common;
using Microsoft.Extensions.Hosting;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// A running Bybit v5 (linear) emulator on 127.0.0.1: the venue replaying its market, its Kestrel host and its routes.
/// Start it with <see cref="StartAsync"/>, read <see cref="Port"/>, stop it with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class BybitEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;
    private readonly CancellationTokenSource _stop = new();
    private Task _replay = Task.CompletedTask;

    private BybitEmulator(BybitOptions options)
    {
        Venue = new BybitVenue(options);
        var routes = new BybitRoutes(Venue, _stop.Token);
        _host = new EmulatorHost(options.Host, routes.Map);
    }

    /// <summary>The emulated venue (its state, for tests and the summary).</summary>
    public BybitVenue Venue { get; }

    /// <summary>The port listened on.</summary>
    public int Port => _host.Port;

    /// <summary><c>http://127.0.0.1:port</c>: the REST base.</summary>
    public Uri RestBase => new($"http://127.0.0.1:{Port}");

    /// <summary><c>ws://127.0.0.1:port/v5/public/linear</c>.</summary>
    public Uri PublicStream => new($"ws://127.0.0.1:{Port}/v5/public/linear");

    /// <summary><c>ws://127.0.0.1:port/v5/private</c>.</summary>
    public Uri PrivateStream => new($"ws://127.0.0.1:{Port}/v5/private");

    /// <summary><c>ws://127.0.0.1:port/v5/trade</c>: the WebSocket order entry.</summary>
    public Uri TradeStream => new($"ws://127.0.0.1:{Port}/v5/trade");

    /// <summary>The host's lifetime (Ctrl-C and SIGTERM stop it when the options ask for signal handling).</summary>
    public IHostApplicationLifetime Lifetime => _host.Lifetime;

    /// <summary>Builds the venue, starts listening and starts the replay.</summary>
    public static async Task<BybitEmulator> StartAsync(BybitOptions options, CancellationToken cancel = default)
    {
        var emulator = new BybitEmulator(options);
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

    /// <summary>The run summary now.</summary>
    public RunReport Report() => Venue.Report();

    /// <summary>Stops the replay and the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        await _replay.ConfigureAwait(false);
        Venue.Public.DropAll();
        Venue.Private.DropAll();
        Venue.Trade.DropAll();
        await _host.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
