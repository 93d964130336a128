using Hft.Core.Books;
using Hft.Core.Runtime;
using Hft.Exchanges.Common;

namespace Hft.Engine.Live;

/// <summary>What a live session gives its venue gateway: the books and their entries, the exchange side (paper), the loop, the counts.</summary>
/// <param name="Books">The local books, read to catch a crossed book.</param>
/// <param name="BookEntries">Each instrument's book actor.</param>
/// <param name="ExchangeSide">Paper mode: where rows also go at exchange time (the simulated venue); empty in live mode.</param>
/// <param name="Loop">The live loop.</param>
/// <param name="Statistics">The gateway's counts.</param>
/// <param name="Recovery">The journal for client ids, the orders earlier sessions left open, and who waits for the first reconciliation.</param>
internal sealed record GatewayContext(
    IReadOnlyList<MarketDepth> Books,
    IReadOnlyList<DirectEntry<IMarketEventSink>> BookEntries,
    IReadOnlyList<DirectEntry<IMarketEventSink>> ExchangeSide,
    CoreLoop Loop,
    GatewayStatistics Statistics,
    Hft.Exchanges.Common.Reconciliation.GatewayRecovery Recovery);
