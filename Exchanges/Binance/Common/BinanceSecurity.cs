namespace Hft.Exchanges.Binance.Common;

/// <summary>What a Binance endpoint needs besides its parameters.</summary>
public enum BinanceSecurity
{
    /// <summary>Public (<c>NONE</c>): no key.</summary>
    None,

    /// <summary><c>USER_STREAM</c> / <c>MARKET_DATA</c>: the <c>X-MBX-APIKEY</c> header only.</summary>
    ApiKey,

    /// <summary><c>TRADE</c> / <c>USER_DATA</c>: the key header, <c>timestamp</c>, <c>recvWindow</c> and the signature.</summary>
    Signed,
}
