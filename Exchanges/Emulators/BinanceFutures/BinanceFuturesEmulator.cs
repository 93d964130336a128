using Hft.Exchanges.Emulators.Common;
using Microsoft.Extensions.Hosting;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// A running Binance USD-M futures emulator on 127.0.0.1: the venue replaying its market, its Kestrel host and its
/// routes. Start it with <see cref="StartAsync"/>, read <see cref="Port"/>, stop it with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class BinanceFuturesEmulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;
    private readonly CancellationTokenSource _stop = new();
    private Task _replay = Task.CompletedTask;

    private BinanceFuturesEmulator(BinanceFuturesOptions options)
    {
        Venue = new FuturesVenue(options);
        var routes = new FuturesRoutes(Venue, _stop.Token);
        _host = new EmulatorHost(options.Host, routes.Map);
    }

    /// <summary>The emulated venue (its state, for tests and the summary).</summary>
    public FuturesVenue Venue { get; }

    /// <summary>The port listened on.</summary>
    public int Port => _host.Port;

    /// <summary><c>http://127.0.0.1:port</c>: the REST base.</summary>
    public Uri RestBase => new($"http://127.0.0.1:{Port}");

    /// <summary><c>ws://127.0.0.1:port</c>: the stream base (append <c>/public/ws/...</c> etc.).</summary>
    public Uri StreamBase => new($"ws://127.0.0.1:{Port}");

    /// <summary>The host's lifetime (Ctrl-C and SIGTERM stop it when the options ask for signal handling).</summary>
    public IHostApplicationLifetime Lifetime => _host.Lifetime;

    /// <summary>Builds the venue, starts listening and starts the replay.</summary>
    public static async Task<BinanceFuturesEmulator> StartAsync(BinanceFuturesOptions options, CancellationToken cancel = default)
    {
        var emulator = new BinanceFuturesEmulator(options);
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
        Venue.Market.DropAll();
        Venue.Users.DropAll();
        await _host.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
