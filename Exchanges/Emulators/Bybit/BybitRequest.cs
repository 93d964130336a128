using System.Globalization;
using System.Text.Json;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>One REST request's parameters: the query string of a GET, the JSON body of a POST (numbers sent as strings or numbers).</summary>
public sealed class BybitRequest
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="query"/> (GET) or <paramref name="body"/> (POST).</summary>
    /// <exception cref="BybitRejection">10001 for a body that is not a JSON object.</exception>
    public BybitRequest(string method, string query, string body, long nowMs)
    {
        NowMs = nowMs;
        if (method == "GET")
        {
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0) _values[Uri.UnescapeDataString(pair[..eq])] = Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
            return;
        }
        try
        {
            using var doc = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw BybitRejection.Parameter("the body is not a JSON object");
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String: _values[p.Name] = p.Value.GetString()!; break;
                    case JsonValueKind.Number: _values[p.Name] = p.Value.GetRawText(); break;
                    case JsonValueKind.True: _values[p.Name] = "true"; break;
                    case JsonValueKind.False: _values[p.Name] = "false"; break;
                }
            }
        }
        catch (JsonException)
        {
            throw BybitRejection.Parameter("the body is not JSON");
        }
    }

    /// <summary>Server time of the request, ms.</summary>
    public long NowMs { get; }

    /// <summary>The parameter, or null.</summary>
    public string? Optional(string name) => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>The parameter; 10001 if missing.</summary>
    public string Required(string name) => Optional(name) ?? throw BybitRejection.Parameter($"{name} is required");

    /// <summary>The decimal parameter, or null; 10001 if malformed.</summary>
    public decimal? OptionalDecimal(string name) =>
        Optional(name) is not { } v ? null
        : decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
        : throw BybitRejection.Parameter($"{name} is not a number");
}
