using System.Globalization;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The venue's security checks (section 1.5.2): the API key header for USER_STREAM and signed endpoints, and for
/// signed ones the timestamp window (-1021) and the HMAC-SHA256 of <c>totalParams</c> (-1022), with the
/// shared <see cref="HmacSigner"/>. Neither the secret nor a signature ever goes into a message.
/// </summary>
public sealed class RequestAuthenticator
{
    private readonly string _apiKey;
    private readonly HmacSigner _signer;

    /// <summary>Accepts the one key pair of the account.</summary>
    public RequestAuthenticator(string apiKey, string apiSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        _apiKey = apiKey;
        _signer = new HmacSigner(apiSecret);
    }

    /// <summary>USER_STREAM / MARKET_DATA: the key header only.</summary>
    public void CheckKey(FuturesRequest r)
    {
        if (string.IsNullOrEmpty(r.ApiKey) || r.ApiKey.Length > 256 || r.ApiKey.Any(char.IsWhiteSpace))
            throw new BinanceRejection(-2014, "BAD_API_KEY_FMT", "API-key format invalid.", 401);
        if (!string.Equals(r.ApiKey, _apiKey, StringComparison.Ordinal))
            throw new BinanceRejection(-2015, "REJECTED_MBX_KEY", "Invalid API-key, IP, or permissions for action.", 401);
    }

    /// <summary>TRADE / USER_DATA: key, timestamp within recvWindow and not over 1 s ahead, then the signature.</summary>
    public void CheckSigned(FuturesRequest r)
    {
        CheckKey(r);
        string timestampText = r.Required("timestamp");
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out long timestamp))
            throw BinanceRejection.Malformed("timestamp");
        long recvWindow = 5000;
        if (r.Optional("recvWindow") is { } rw)
        {
            if (!decimal.TryParse(rw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal w) || w <= 0 || w > 60000)
                throw new BinanceRejection(-1131, "BAD_RECV_WINDOW", "recvWindow must be less than 60000");
            recvWindow = (long)w;
        }
        if (timestamp >= r.NowMs + 1000)
            throw new BinanceRejection(-1021, "INVALID_TIMESTAMP", "Timestamp for this request was 1000ms ahead of the server's time.");
        if (r.NowMs - timestamp > recvWindow)
            throw new BinanceRejection(-1021, "INVALID_TIMESTAMP", "Timestamp for this request is outside of the recvWindow.");
        string? signature = r.Optional("signature") ?? throw BinanceRejection.Missing("signature");
        if (!_signer.Verify(r.SignedPayload(), signature))
            throw new BinanceRejection(-1022, "INVALID_SIGNATURE", "Signature for this request is not valid.");
    }
}
