using Hft.Core.Risk;
using Hft.Core.Venues;

namespace Hft.Exchanges.Common;

/// <summary>Why a gateway refuses a command before sending anything (the same rules on every venue).</summary>
public static class OrderGate
{
    /// <summary>
    /// Null if <paramref name="kind"/> may go out; otherwise the reason given to the strategy. A gateway carrying market
    /// data only, halted (a ban) or stopping refuses everything; an engaged kill switch refuses all but cancels (read
    /// here as well as in the risk actor: orders already past it when the switch was engaged stop here).
    /// </summary>
    public static string? Refusal(VenueCommandKind kind, bool trading, string? halted, bool stopping, KillSwitchLatch? kill) =>
        !trading ? "this gateway carries market data only"
        : stopping ? "the session is stopping"
        : halted is not null ? "trading halted: " + halted
        : kind != VenueCommandKind.Cancel && kill?.Reason is { } killed ? "kill switch engaged: " + killed
        : null;
}
