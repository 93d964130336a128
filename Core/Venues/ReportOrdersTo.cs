using Akka.Actor;

namespace Hft.Core.Venues;

/// <summary>
/// Tells a gateway where the order-state actor is before any order arrives, so what it finds on the venue at start
/// (reconciliation) can be reported.
/// </summary>
public sealed record ReportOrdersTo(IActorRef Orders);
