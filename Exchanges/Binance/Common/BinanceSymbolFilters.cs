using System.Text.Json;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Binance.Common;

/// <summary>
/// A symbol's rules from a Binance <c>exchangeInfo</c> answer (futures and spot share the shape): <c>PRICE_FILTER.tickSize</c>,
/// <c>LOT_SIZE.stepSize</c> and <c>minQty</c>, and the minimum notional, whose field is <c>MIN_NOTIONAL.notional</c> on
/// futures but <c>MIN_NOTIONAL.minNotional</c> or <c>NOTIONAL.minNotional</c> on spot (exchange-protocols 4.30).
/// </summary>
public static class BinanceSymbolFilters
{
    /// <summary>The rules of <paramref name="symbol"/> in <paramref name="exchangeInfo"/>, or null if it is not listed.</summary>
    public static SymbolRules? Find(JsonElement exchangeInfo, string symbol)
    {
        foreach (var s in Array(exchangeInfo, "symbols"))
        {
            if (String(s, "symbol") != symbol) continue;
            decimal tick = 0, step = 0, minQty = 0, minNotional = 0;
            foreach (var f in Array(s, "filters"))
            {
                switch (OptionalString(f, "filterType"))
                {
                    case "PRICE_FILTER": tick = Decimal(f, "tickSize"); break;
                    case "LOT_SIZE": step = Decimal(f, "stepSize"); minQty = Decimal(f, "minQty"); break;
                    case "MIN_NOTIONAL": minNotional = Math.Max(minNotional, OptionalDecimal(f, "notional", OptionalDecimal(f, "minNotional"))); break;
                    case "NOTIONAL": minNotional = Math.Max(minNotional, OptionalDecimal(f, "minNotional")); break;
                }
            }
            return new SymbolRules(symbol, tick, step, minQty, minNotional, OptionalString(s, "status") is null or "TRADING");
        }
        return null;
    }
}
