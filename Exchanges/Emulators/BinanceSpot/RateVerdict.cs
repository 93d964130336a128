namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>A request refused by the rate limits: HTTP 429 or 418, the venue's code and message, and <c>Retry-After</c> in seconds.</summary>
public sealed record RateVerdict(int HttpStatus, int Code, string Message, int RetryAfterSeconds, long RetryAtMs);
