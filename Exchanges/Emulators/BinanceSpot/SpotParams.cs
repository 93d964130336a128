using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The parameters of one request, REST (query string and form body) or WebSocket API (the <c>params</c> object),
/// with the text the client signed: REST signs the query concatenated with the body, without a separator and
/// exactly as sent (non-ASCII already percent-encoded); the WebSocket API signs <c>name=value</c> pairs sorted by
/// name and joined by <c>&amp;</c>, raw UTF-8. On duplicates the query wins.
/// </summary>
public sealed partial class SpotParams
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private SpotParams(string signedPayload) => SignedPayload = signedPayload;

    /// <summary>The text the signature covers (every parameter but <c>signature</c>).</summary>
    public string SignedPayload { get; }

    /// <summary>Parameter names, in no particular order.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>A REST request's parameters.</summary>
    public static SpotParams FromHttp(string rawQuery, string rawBody)
    {
        var p = new SpotParams(WithoutSignature(rawQuery) + WithoutSignature(rawBody));
        p.AddPairs(rawBody);
        p.AddPairs(rawQuery); // added last, so the query wins
        return p;
    }

    /// <summary>A WebSocket API request's parameters (strings as given, numbers and booleans as their JSON text).</summary>
    public static SpotParams FromJson(JsonElement parameters)
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in parameters.EnumerateObject())
            {
                pairs[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? "",
                    _ => property.Value.GetRawText(),
                };
            }
        }
        string payload = string.Join('&', pairs.Where(kv => kv.Key != "signature").Select(kv => kv.Key + "=" + kv.Value));
        var p = new SpotParams(payload);
        foreach (var (name, value) in pairs) p._values[name] = value;
        return p;
    }

    /// <summary>The value, or null when absent or empty.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out string? v) && v.Length > 0 ? v : null;

    /// <summary>The value; -1102 when absent.</summary>
    public string Required(string name) => Get(name) ?? throw SpotRejection.Missing(name);

    /// <summary>A decimal parameter, or null; -1100 when it is not a plain non-negative decimal.</summary>
    public decimal? Decimal(string name)
    {
        if (Get(name) is not { } text) return null;
        if (!DecimalText().IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d))
            throw SpotRejection.Illegal(name, "^([0-9]{1,20})(\\.[0-9]{1,20})?$");
        return d;
    }

    /// <summary>An integer parameter, or null; -1100 when it is not one.</summary>
    public long? Long(string name)
    {
        if (Get(name) is not { } text) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            throw SpotRejection.Illegal(name, "^[0-9]{1,20}$");
        return v;
    }

    /// <summary>A client order id parameter, or null; -1100 unless it matches <c>^[a-zA-Z0-9-_]{1,36}$</c>.</summary>
    public string? ClientOrderId(string name)
    {
        if (Get(name) is not { } id) return null;
        if (!ClientIdText().IsMatch(id)) throw SpotRejection.Illegal(name, "^[a-zA-Z0-9-_]{1,36}$");
        return id;
    }

    private void AddPairs(string raw)
    {
        foreach (string pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string name = Unescape(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
            _values[name] = value;
        }
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>The raw text without its <c>signature=...</c> pair (which the client appended after signing).</summary>
    private static string WithoutSignature(string raw)
    {
        if (!raw.Contains("signature=", StringComparison.Ordinal)) return raw;
        var kept = new StringBuilder(raw.Length);
        foreach (string pair in raw.Split('&'))
        {
            if (pair.StartsWith("signature=", StringComparison.Ordinal)) continue;
            if (kept.Length > 0) kept.Append('&');
            kept.Append(pair);
        }
        return kept.ToString();
    }

    [GeneratedRegex("^[0-9]{1,20}(\\.[0-9]{1,20})?$")]
    private static partial Regex DecimalText();

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,36}$")]
    private static partial Regex ClientIdText();
}
