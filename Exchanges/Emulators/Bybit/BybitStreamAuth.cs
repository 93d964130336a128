using System.Globalization;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The <c>auth</c> op of the private and trade streams (exchange-protocols 3.3.1, 3.5): <c>args</c> = [api key, expires (ms,
/// a number or a string), hex HMAC-SHA256 of <c>GET/realtime{expires}</c>]; expires must be later than now.
/// </summary>
public static class BybitStreamAuth
{
    /// <summary>Null if <paramref name="args"/> authenticate, else the trade stream's <c>retCode</c> and the reason.</summary>
    /// <param name="args">The <c>args</c> items as text (numbers as their JSON text).</param>
    /// <param name="nowMs">Server time.</param>
    /// <param name="apiKey">The account's key.</param>
    /// <param name="signer">The account's secret.</param>
    public static (int RetCode, string Message)? Check(string[] args, long nowMs, string apiKey, HmacSigner signer)
    {
        if (args.Length != 3) return (10001, "Params Error");
        if (args[0] != apiKey) return (10004, "Invalid apikey");
        if (!long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out long expires)) return (10001, "Params Error");
        if (expires <= nowMs) return (10001, "Params Error: expires is in the past");
        return signer.Verify("GET/realtime" + args[1], args[2]) ? null : (10004, "Signature error");
    }
}
