namespace Hft.Core.Risk.Limits;

/// <summary>One pre-trade limit: refuses an order with a sentence saying why, or lets it through.</summary>
public interface IPreTradeLimit
{
    /// <summary>The reason its refusals are counted under.</summary>
    RiskReason Reason { get; }

    /// <summary>Null if <paramref name="check"/>'s order may go, else why not.</summary>
    string? Refuse(in PreTradeCheck check);
}
