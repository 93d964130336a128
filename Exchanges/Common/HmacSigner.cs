using System.Security.Cryptography;
using System.Text;

namespace Hft.Exchanges.Common;

/// <summary>
/// HMAC-SHA256 with a venue's API secret, as lowercase hex: the signature all three venues use for HMAC keys
/// (Binance over <c>totalParams</c>, Bybit over <c>timestamp + apiKey + recvWindow + payload</c>).
/// The secret never leaves this object: <see cref="ToString"/> does not show it.
/// </summary>
public sealed class HmacSigner
{
    private readonly byte[] _key;

    /// <summary>A signer with <paramref name="secret"/> (its UTF-8 bytes are the HMAC key).</summary>
    public HmacSigner(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="message"/>'s UTF-8 bytes.</summary>
    public string Sign(string message) => Sign(Encoding.UTF8.GetBytes(message));

    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="message"/>.</summary>
    public string Sign(ReadOnlySpan<byte> message)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, message, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// True if <paramref name="signature"/> is the HMAC of <paramref name="message"/> (hex, either case), compared in
    /// constant time so an emulator does not leak how much of a guess was right.
    /// </summary>
    public bool Verify(string message, string? signature)
    {
        if (signature is null || signature.Length != HMACSHA256.HashSizeInBytes * 2) return false;
        string expected = Sign(message);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    /// <inheritdoc />
    public override string ToString() => "HmacSigner(secret hidden)";
}
