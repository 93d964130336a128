using Hft.Exchanges.Common;

namespace Hft.Exchanges.Bybit.Parsing;

/// <summary>One message of Bybit's private stream, as the gateway acts on it.</summary>
public abstract record BybitPrivateMessage;

/// <summary>
/// <c>order</c> or <c>execution</c> items. From the <c>order</c> topic an update's <see cref="VenueOrderUpdate.Fee"/> is
/// the order's cumulative fee (<c>cumExecFee</c>) and it has no last fill; from <c>execution</c> each update is one fill
/// (<c>execQty</c> at <c>execPrice</c>, its <c>execFee</c>, <c>isMaker</c>) with the cumulative quantity the venue had
/// then (<c>orderQty − leavesQty</c>).
/// </summary>
/// <param name="Updates">The items, in the message's order.</param>
/// <param name="FromExecutions">True for the <c>execution</c> topic.</param>
public sealed record BybitOrderMessage(IReadOnlyList<VenueOrderUpdate> Updates, bool FromExecutions) : BybitPrivateMessage;

/// <summary><c>position</c> items: the signed size (long +, short −) per symbol.</summary>
/// <param name="Positions">Symbol and signed size, in the message's order.</param>
public sealed record BybitPositionMessage(IReadOnlyList<KeyValuePair<string, decimal>> Positions) : BybitPrivateMessage;

/// <summary>The answer to one of our operations (<c>auth</c>, <c>subscribe</c>, <c>ping</c>).</summary>
/// <param name="Op">The operation answered.</param>
/// <param name="Success">Whether it succeeded (a pong always does).</param>
/// <param name="Message">The venue's <c>ret_msg</c>.</param>
public sealed record BybitOperationReply(string Op, bool Success, string Message) : BybitPrivateMessage;

/// <summary>A message the gateway does not act on (<c>wallet</c>, other topics).</summary>
/// <param name="Topic">Its topic, or empty.</param>
public sealed record BybitIgnoredMessage(string Topic) : BybitPrivateMessage;
