using System.Security.Cryptography;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The account's listen key: created by <c>POST</c> (the same key while one is active, extended), extended by
/// <c>PUT</c>, closed by <c>DELETE</c>, and expiring after its validity without a keep-alive. Not thread-safe:
/// the venue guards it.
/// </summary>
public sealed class ListenKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly TimeSpan _validity;
    private string? _key;
    private long _expiresAt;

    /// <summary>Keys valid for <paramref name="validity"/> after creation or the last keep-alive (the venue: 60 minutes).</summary>
    public ListenKeys(TimeSpan validity) => _validity = validity;

    /// <summary>The active key, or null.</summary>
    public string? Active(long nowMs) => _key is not null && nowMs < _expiresAt ? _key : null;

    /// <summary>POST: the active key extended, or a new one.</summary>
    public string Create(long nowMs)
    {
        _key = Active(nowMs) ?? RandomKey();
        _expiresAt = nowMs + (long)_validity.TotalMilliseconds;
        return _key;
    }

    /// <summary>PUT: extends the active key (if <paramref name="key"/> is given it must be that key); false if there is none.</summary>
    public bool KeepAlive(string? key, long nowMs)
    {
        string? active = Active(nowMs);
        if (active is null || (key is not null && key != active)) return false;
        _expiresAt = nowMs + (long)_validity.TotalMilliseconds;
        return true;
    }

    /// <summary>DELETE: closes the key; returns it (null if there was none).</summary>
    public string? Close(long nowMs)
    {
        string? active = Active(nowMs);
        _key = null;
        return active;
    }

    /// <summary>The key that has just expired (reported once), or null.</summary>
    public string? TakeExpired(long nowMs)
    {
        if (_key is null || nowMs < _expiresAt) return null;
        string expired = _key;
        _key = null;
        return expired;
    }

    /// <summary>Expires the active key now (fault injection); the next <see cref="TakeExpired"/> reports it.</summary>
    public void ExpireNow(long nowMs)
    {
        if (_key is not null) _expiresAt = nowMs;
    }

    private static string RandomKey()
    {
        Span<char> chars = stackalloc char[64];
        for (int i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
