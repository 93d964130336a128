using System.Globalization;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Bybit.Http;

/// <summary>
/// Bybit v5's HMAC rules (exchange-protocols 3.4.1, 3.3.1): a REST call signs <c>timestamp + apiKey + recvWindow +
/// payload</c>, where the payload is the query string exactly as sent (GET) or the JSON body exactly as sent (POST), so a
/// body is serialised once and those very bytes are signed and sent; a WebSocket <c>auth</c> signs
/// <c>"GET/realtime" + expires</c>.
/// </summary>
public static class BybitSignature
{
    /// <summary>The string a REST call signs.</summary>
    public static string RestStringToSign(long timestampMs, string apiKey, long recvWindowMs, string payload) =>
        timestampMs.ToString(CultureInfo.InvariantCulture) + apiKey + recvWindowMs.ToString(CultureInfo.InvariantCulture) + payload;

    /// <summary>The string a WebSocket <c>auth</c> signs.</summary>
    public static string AuthStringToSign(long expiresMs) => "GET/realtime" + expiresMs.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>auth</c> frame of the private and trade streams: <c>{"req_id":"auth","op":"auth","args":[key, expires, signature]}</c>,
    /// <paramref name="expiresMs"/> a little in the future.
    /// </summary>
    public static string AuthFrame(string apiKey, HmacSigner signer, long expiresMs) =>
        "{\"req_id\":\"auth\",\"op\":\"auth\",\"args\":[" + System.Text.Json.JsonSerializer.Serialize(apiKey) + ","
        + expiresMs.ToString(CultureInfo.InvariantCulture) + ",\"" + signer.Sign(AuthStringToSign(expiresMs)) + "\"]}";
}
