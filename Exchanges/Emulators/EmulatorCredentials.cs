namespace Hft.Exchanges.Emulators;

/// <summary>
/// The emulators' fixed test key pair, accepted by default. These are not secrets: shipped configurations for the
/// emulators carry them in clear, so clients and tests can sign requests without any setup.
/// </summary>
public static class EmulatorCredentials
{
    /// <summary>The API key every emulator accepts unless told otherwise.</summary>
    public const string ApiKey = "hft-emulator-api-key-0123456789abcdef0123456789abcdef0123456789ab";

    /// <summary>The API secret matching <see cref="ApiKey"/>.</summary>
    public const string ApiSecret = "hft-emulator-api-secret-0123456789abcdef0123456789abcdef01234567";
}
