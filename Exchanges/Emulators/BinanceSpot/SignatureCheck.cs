using System.Globalization;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// Authenticates SIGNED requests as the venue does: the API key (REST header <c>X-MBX-APIKEY</c>, WebSocket API
/// param <c>apiKey</c>), the HMAC-SHA256 signature over <see cref="SpotParams.SignedPayload"/>, then the timing
/// rule: <c>timestamp</c> (ms, or µs when it has 16 digits) less than 1 s ahead of the server and no older than
/// <c>recvWindow</c> (default 5000 ms, at most 60000, up to three decimals).
/// </summary>
public sealed class SignatureCheck
{
    private const long MicrosecondThreshold = 100_000_000_000_000; // 10^14: ms timestamps have 13 digits, µs 16
    private readonly string _apiKey;
    private readonly HmacSigner _signer;

    /// <summary>Accepts <paramref name="apiKey"/> signed with <paramref name="apiSecret"/>.</summary>
    public SignatureCheck(string apiKey, string apiSecret)
    {
        _apiKey = apiKey;
        _signer = new HmacSigner(apiSecret);
    }

    /// <summary>The key alone (USER_STREAM-like checks); -2014 when malformed or absent, -2015 when unknown.</summary>
    public void VerifyKey(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 128 || apiKey.Any(char.IsWhiteSpace))
            throw new SpotRejection(401, -2014, "API-key format invalid.", "API_KEY_FORMAT");
        if (!string.Equals(apiKey, _apiKey, StringComparison.Ordinal))
            throw new SpotRejection(401, -2015, "Invalid API-key, IP, or permissions for action.", "INVALID_API_KEY");
    }

    /// <summary>Key, signature and timing of a SIGNED request at <paramref name="nowMs"/>; throws the venue's error.</summary>
    public void Verify(SpotParams p, string? apiKey, long nowMs)
    {
        VerifyKey(apiKey);
        string signature = p.Get("signature") ?? throw SpotRejection.Missing("signature");
        string timestampText = p.Get("timestamp") ?? throw SpotRejection.Missing("timestamp");
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out long timestamp))
            throw SpotRejection.Illegal("timestamp", "^[0-9]{1,20}$");
        decimal recvWindow = 5000m;
        if (p.Get("recvWindow") is { } windowText)
        {
            if (!decimal.TryParse(windowText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out recvWindow)
                || decimal.Round(recvWindow, 3) != recvWindow)
                throw SpotRejection.Illegal("recvWindow", "^[0-9]{1,5}(\\.[0-9]{1,3})?$");
            if (recvWindow > 60_000m) throw new SpotRejection(400, -1131, "recvWindow must be less than 60000", "BAD_RECV_WINDOW");
        }
        if (!_signer.Verify(p.SignedPayload, signature))
            throw new SpotRejection(400, -1022, "Signature for this request is not valid.", "INVALID_SIGNATURE");
        decimal timestampMs = timestamp >= MicrosecondThreshold ? timestamp / 1000m : timestamp;
        if (timestampMs >= nowMs + 1000)
            throw new SpotRejection(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.", "TIMESTAMP");
        if (nowMs - timestampMs > recvWindow)
            throw new SpotRejection(400, -1021, "Timestamp for this request is outside of the recvWindow.", "TIMESTAMP");
    }
}
