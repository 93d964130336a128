namespace Hft.Engine.Config;

/// <summary>An API key pair (<c>api_key</c>, <c>api_secret</c>), given together or not at all.</summary>
/// <param name="ApiKey">The API key (sent in request headers, but still a credential: it is redacted like the secret).</param>
/// <param name="ApiSecret">The HMAC secret used to sign requests.</param>
public sealed record VenueCredentials(Secret ApiKey, Secret ApiSecret);
