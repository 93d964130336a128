namespace Hft.Exchanges.Common;

/// <summary>A venue stream (re)connected: anything kept from before the gap (a synced book, an order's last state) must be rebuilt.</summary>
/// <param name="Stream">Which stream.</param>
/// <param name="Reconnect">False for the first connection.</param>
/// <param name="Why">The library's reconnection type, for the log.</param>
public sealed record StreamConnected(int Stream, bool Reconnect, string Why);

/// <summary>A venue stream went down; it reconnects by itself.</summary>
/// <param name="Stream">Which stream.</param>
/// <param name="Why">Why, for the log.</param>
public sealed record StreamDisconnected(int Stream, string Why);
