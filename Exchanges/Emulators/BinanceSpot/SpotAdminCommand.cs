using System.Text.Json.Serialization;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The spot-only fields of <c>POST /admin/faults</c>, read from the same body as the shared
/// <see cref="Common.FaultCommand"/> (each reader ignores the other's fields), e.g. <c>{"server_shutdown":true}</c>.
/// </summary>
internal sealed record SpotAdminCommand
{
    /// <summary>Send <c>serverShutdown</c> on every market and WebSocket API connection now.</summary>
    [JsonPropertyName("server_shutdown")] public bool ServerShutdown { get; init; }
}
