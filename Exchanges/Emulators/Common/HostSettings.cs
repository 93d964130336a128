namespace Hft.Exchanges.Emulators.Common;

/// <summary>Where an emulator listens and how its WebSockets are kept alive.</summary>
public sealed record HostSettings
{
    /// <summary>Listening address: 127.0.0.1 only (anything else is refused).</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 lets the system pick a free one (read it back from <see cref="EmulatorHost.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Interval of the server's WebSocket ping frames (Binance futures: 3 minutes).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>A socket whose pong does not arrive within this time is dropped; null never drops one.</summary>
    public TimeSpan? PongTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>True to stop on Ctrl-C and SIGTERM (the command line); false for hosts made by tests.</summary>
    public bool HandleSignals { get; init; }
}
