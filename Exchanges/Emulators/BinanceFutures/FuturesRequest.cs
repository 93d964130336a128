using System.Globalization;
using System.Text;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// One REST request as the venue reads it: the query string and the form body exactly as sent (for the
/// signature), and their parameters with the query string winning when a name is in both.
/// </summary>
public sealed class FuturesRequest
{
    private readonly Dictionary<string, string> _params = new(StringComparer.Ordinal);

    /// <summary>Reads the parameters of <paramref name="query"/> (without '?') and <paramref name="body"/>.</summary>
    public FuturesRequest(string method, string path, string query, string body, string? apiKey, long nowMs)
    {
        Method = method;
        Path = path;
        Query = query;
        Body = body;
        ApiKey = apiKey;
        NowMs = nowMs;
        foreach (var (k, v) in Parse(body)) _params[k] = v;
        foreach (var (k, v) in Parse(query)) _params[k] = v;
    }

    /// <summary>HTTP method.</summary>
    public string Method { get; }
    /// <summary>Request path.</summary>
    public string Path { get; }
    /// <summary>The query string as sent, without '?'.</summary>
    public string Query { get; }
    /// <summary>The body as sent.</summary>
    public string Body { get; }
    /// <summary>The X-MBX-APIKEY header, if sent.</summary>
    public string? ApiKey { get; }
    /// <summary>Server time when the request arrived (ms).</summary>
    public long NowMs { get; }

    /// <summary>A parameter, or null when absent or empty.</summary>
    public string? Optional(string name) => _params.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>A parameter; -1102 when absent or empty.</summary>
    public string Required(string name) => Optional(name) ?? throw BinanceRejection.Missing(name);

    /// <summary>An integer parameter, or null; -1102 when it is not an integer.</summary>
    public long? OptionalLong(string name)
    {
        string? v = Optional(name);
        if (v is null) return null;
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) return n;
        throw BinanceRejection.Malformed(name);
    }

    /// <summary>A decimal parameter, or null; -1102 when it is not a number.</summary>
    public decimal? OptionalDecimal(string name)
    {
        string? v = Optional(name);
        if (v is null) return null;
        if (decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d)) return d;
        throw BinanceRejection.Malformed(name);
    }

    /// <summary>
    /// <c>totalParams</c> as signed: the query string immediately followed by the body, without the
    /// <c>signature</c> parameter (wherever it was put) and with nothing between the two.
    /// </summary>
    public string SignedPayload() => WithoutSignature(Query) + WithoutSignature(Body);

    private static string WithoutSignature(string part)
    {
        if (part.Length == 0) return part;
        var kept = new List<string>();
        foreach (string pair in part.Split('&'))
        {
            if (pair.StartsWith("signature=", StringComparison.Ordinal)) continue;
            kept.Add(pair);
        }
        return string.Join('&', kept);
    }

    private static IEnumerable<(string, string)> Parse(string text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (string pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string key = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? "" : pair[(eq + 1)..];
            yield return (Decode(key), Decode(value));
        }
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>Reads a body as UTF-8 text.</summary>
    public static async Task<string> ReadBodyAsync(Stream body, CancellationToken cancel)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancel).ConfigureAwait(false);
    }
}
