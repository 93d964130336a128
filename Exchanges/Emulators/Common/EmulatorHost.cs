using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// The Kestrel server of one venue emulator: bound to 127.0.0.1 only (an emulator answers every key it was given,
/// so it must never be reachable from another machine), HTTP/1.1 with WebSockets, routes mapped by the venue.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _started;

    /// <summary>Builds the server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="settings">Address, port and WebSocket keep-alive.</param>
    /// <param name="mapRoutes">Adds the venue's endpoints.</param>
    public EmulatorHost(HostSettings settings, Action<WebApplication> mapRoutes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IPAddress address = ParseLoopback(settings.Address);
        if (settings.Port is < 0 or > 65535) throw new ArgumentException($"--port: {settings.Port} is not a TCP port (0 picks a free one)");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, settings.Port);
            k.AddServerHeader = false;
        });
        // The command line owns Ctrl-C and SIGTERM through the host's console lifetime; a host made by a test
        // must not take the test process's signals.
        if (!settings.HandleSignals) builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        else builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        _app = builder.Build();
        _app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = settings.PingInterval,
            // With a time-out set, Kestrel sends ping frames (not unsolicited pongs) and aborts a socket whose pong
            // does not come back in time, which is what the venues do.
            KeepAliveTimeout = settings.PongTimeout ?? Timeout.InfiniteTimeSpan,
        });
        mapRoutes(_app);
    }

    /// <summary>The port listened on (the one chosen by the system when 0 was asked); 0 before start.</summary>
    public int Port { get; private set; }

    /// <summary>The host's lifetime: stopping is signalled here (Ctrl-C, SIGTERM, <see cref="StopAsync"/>).</summary>
    public IHostApplicationLifetime Lifetime => _app.Lifetime;

    /// <summary>Starts listening and learns the port.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        await _app.StartAsync(cancel).ConfigureAwait(false);
        _started = true;
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (string a in addresses)
        {
            if (Uri.TryCreate(a, UriKind.Absolute, out var uri)) { Port = uri.Port; break; }
        }
    }

    /// <summary>Stops listening; open connections are closed.</summary>
    public async Task StopAsync()
    {
        if (!_started) return;
        _started = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Accepts 127.0.0.1 (or <c>localhost</c>, meaning it) and refuses every other address.</summary>
    public static IPAddress ParseLoopback(string address)
    {
        if (string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (IPAddress.TryParse(address, out var ip) && ip.Equals(IPAddress.Loopback)) return ip;
        throw new ArgumentException($"the emulator listens on 127.0.0.1 only, not on '{address}'");
    }

    /// <summary>A lifetime that leaves the process's signals alone (hosts made by tests).</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
