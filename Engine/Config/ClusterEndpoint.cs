using System.Globalization;

namespace Hft.Engine.Config;

/// <summary>A cluster node's network address, <c>host:port</c>.</summary>
public sealed record ClusterEndpoint(string Host, int Port)
{
    /// <summary>Reads <c>host:port</c> (port 1-65535); null with <paramref name="error"/> when it is not one.</summary>
    public static ClusterEndpoint? TryParse(string text, out string? error)
    {
        error = null;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not host:port (for example \"127.0.0.1:4053\")";
            return null;
        }
        string host = text[..colon];
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            error = $"'{text}': the port must be a number from 1 to 65535";
            return null;
        }
        if (host.Any(char.IsWhiteSpace) || host.Contains('@') || host.Contains('/'))
        {
            error = $"'{text}': '{host}' is not a host name or address";
            return null;
        }
        return new ClusterEndpoint(host, port);
    }

    /// <inheritdoc />
    public override string ToString() => Host + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
