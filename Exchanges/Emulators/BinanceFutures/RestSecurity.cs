namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>The venue's security types of an endpoint (section 1.5.1).</summary>
public enum RestSecurity
{
    /// <summary>Public.</summary>
    None,
    /// <summary>API key header only (listen keys).</summary>
    UserStream,
    /// <summary>API key and signature (TRADE, USER_DATA).</summary>
    Signed,
}
