namespace Hft.Core.Orders;

/// <summary>A strategy's new order on its way through risk to the order-state actor.</summary>
/// <param name="Order">The local order, already registered with status None and request New.</param>
public sealed record SubmitOrder(Order Order);

/// <summary>A strategy's cancel (the local order already carries request Canceled).</summary>
/// <param name="Order">The order to cancel.</param>
public sealed record CancelOrder(Order Order);

/// <summary>A strategy's modify (the local order already carries request Replaced and the new price and quantity).</summary>
/// <param name="Order">The order to modify.</param>
public sealed record ModifyOrder(Order Order);

/// <summary>The risk actor refused an order before it left the process.</summary>
/// <param name="Order">The refused order.</param>
/// <param name="Reason">Why, in a sentence.</param>
/// <param name="Code">The limit that refused it, for the counts by reason.</param>
public sealed record OrderRejectedByRisk(Order Order, string Reason, Risk.RiskReason Code);

/// <summary>Tells a strategy that one of its orders changed (acknowledged, filled, cancelled, rejected...).</summary>
/// <param name="Order">The local order after the change.</param>
/// <param name="Fill">The execution this change carried, if any.</param>
public sealed record OrderUpdated(Order Order, Fill? Fill);
