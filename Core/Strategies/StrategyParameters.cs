using Hft.Core.Text;
using System.Globalization;

namespace Hft.Core.Strategies;

/// <summary>
/// A strategy's parameters as given (<c>--param key=value</c> or a config table): typed getters with
/// defaults, and a check that every given key was used, with a "did you mean" for typos.
/// </summary>
public sealed class StrategyParameters
{
    private readonly List<KeyValuePair<string, string>> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _known = new();

    /// <summary>Creates parameters from key/value pairs (later pairs override earlier ones).</summary>
    public StrategyParameters(IEnumerable<KeyValuePair<string, string>>? values = null) =>
        _values = values?.ToList() ?? new List<KeyValuePair<string, string>>();

    /// <summary>No parameters.</summary>
    public static StrategyParameters Empty => new();

    /// <summary>Parses <c>key=value</c> strings.</summary>
    public static StrategyParameters Parse(IEnumerable<string> pairs)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new FormatException($"--param '{pair}': expected KEY=VALUE");
            list.Add(new(pair[..eq].Trim(), pair[(eq + 1)..].Trim()));
        }
        return new StrategyParameters(list);
    }

    /// <summary>A number, or <paramref name="defaultValue"/> when not given.</summary>
    public double GetDouble(string key, double defaultValue)
    {
        var text = Find(key);
        if (text is null) return defaultValue;
        if (TryParseNumber(text, out var value)) return value;
        throw new StrategyParameterException(key, $"parameter '{key}': expected a number, got '{text}'");
    }

    /// <summary>A number in invariant culture; also TOML's <c>inf</c>, <c>+inf</c>, <c>-inf</c> and <c>nan</c>.</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        switch (text.Trim())
        {
            case "inf" or "+inf":
                value = double.PositiveInfinity;
                return true;
            case "-inf":
                value = double.NegativeInfinity;
                return true;
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An integer, or <paramref name="defaultValue"/> when not given.</summary>
    public int GetInt(string key, int defaultValue)
    {
        var text = Find(key);
        if (text is null) return defaultValue;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        throw new StrategyParameterException(key, $"parameter '{key}': expected an integer, got '{text}'");
    }

    /// <summary>An integer (64-bit), or <paramref name="defaultValue"/> when not given.</summary>
    public long GetLong(string key, long defaultValue)
    {
        var text = Find(key);
        if (text is null) return defaultValue;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        throw new StrategyParameterException(key, $"parameter '{key}': expected an integer, got '{text}'");
    }

    /// <summary><c>true</c> or <c>false</c> (any case), or <paramref name="defaultValue"/> when not given.</summary>
    public bool GetBool(string key, bool defaultValue)
    {
        var text = Find(key);
        if (text is null) return defaultValue;
        if (bool.TryParse(text, out var value)) return value;
        throw new StrategyParameterException(key, $"parameter '{key}': expected true or false, got '{text}'");
    }

    /// <summary>The text given, or <paramref name="defaultValue"/> when not given.</summary>
    public string GetString(string key, string defaultValue) => Find(key) ?? defaultValue;

    /// <summary>The text given for <paramref name="key"/> (the last one), or null; the key counts as known either way.</summary>
    public string? GetText(string key) => Find(key);

    private string? Find(string key)
    {
        _known.Add(key);
        string? found = null;
        foreach (var kv in _values)
        {
            if (kv.Key == key) found = kv.Value;
        }
        if (found is not null) _used.Add(key);
        return found;
    }

    /// <summary>Throws if a given key was never asked for, naming the closest known key.</summary>
    public void EnsureAllUsed(string strategyName)
    {
        foreach (var kv in _values)
        {
            if (_used.Contains(kv.Key)) continue;
            string hint = KeySuggestions.Hint(kv.Key, _known);
            throw new StrategyParameterException(kv.Key, $"strategy '{strategyName}' has no parameter '{kv.Key}'{hint}; it knows: {string.Join(", ", _known.Distinct())}");
        }
    }
}
