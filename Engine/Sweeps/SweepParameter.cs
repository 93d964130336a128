using System.Globalization;

namespace Hft.Engine.Sweeps;

/// <summary>
/// One swept setting, from <c>--param NAME=LIST</c> or <c>--param NAME=A..B:STEP</c>: its name as the user wrote it
/// (which is also its column in <c>sweep.csv</c>) and its values in order. A name without a dot is a parameter of the
/// strategy, as <c>backtest --param</c> takes it; a dotted name is one of the backtest's own settings
/// (<see cref="SettingNames"/>).
/// </summary>
internal sealed record SweepParameter(string Name, IReadOnlyList<string> Values)
{
    /// <summary>More runs than this is almost certainly a typo in a range.</summary>
    public const int MaxValues = 10_000;

    // Config key -> the backtest option that sets it, so a swept run is the command line a user would type.
    private static readonly (string Key, string Option)[] Settings =
    [
        ("backtest.latency.entry_ms", "--entry-latency-ms"),
        ("backtest.latency.response_ms", "--response-latency-ms"),
        ("backtest.queue.model", "--queue-model"),
        ("backtest.exchange", "--exchange"),
        ("backtest.fees.maker", "--maker-fee"),
        ("backtest.fees.taker", "--taker-fee"),
        ("risk.max_position", "--max-position"),
        ("risk.max_order_qty", "--max-order-qty"),
    ];

    /// <summary>The dotted names that may be swept besides the strategy's parameters.</summary>
    public static IEnumerable<string> SettingNames => Settings.Select(s => s.Key);

    /// <summary>Parses <c>NAME=v1,v2,...</c> or <c>NAME=A..B:STEP</c> (inclusive, exact decimal steps).</summary>
    public static SweepParameter Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"--param '{text}': expected NAME=v1,v2,... or NAME=FROM..TO:STEP");
        string name = text[..eq].Trim();
        string spec = text[(eq + 1)..].Trim();
        if (name.Contains('.') && !Settings.Any(s => s.Key == name))
            throw new FormatException($"--param '{text}': '{name}' cannot be swept; a name without a dot is a strategy parameter, and the settings are {string.Join(", ", SettingNames)}");
        var values = spec.Contains("..", StringComparison.Ordinal) ? Range(text, spec) : List(text, spec);
        return new SweepParameter(name, values);
    }

    /// <summary>The backtest command-line arguments that set this parameter to <paramref name="value"/>.</summary>
    public string[] Arguments(string value)
    {
        foreach (var (key, option) in Settings)
        {
            if (key == Name) return [option, value];
        }
        return ["--param", Name + "=" + value];
    }

    private static List<string> List(string text, string spec)
    {
        var values = spec.Split(',').Select(v => v.Trim()).ToList();
        if (values.Any(v => v.Length == 0)) throw new FormatException($"--param '{text}': empty value in the list");
        var repeated = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new FormatException($"--param '{text}': value '{repeated.Key}' is listed twice");
        if (values.Count > MaxValues) throw new FormatException($"--param '{text}': {values.Count} values; at most {MaxValues}");
        return values;
    }

    private static List<string> Range(string text, string spec)
    {
        int dots = spec.IndexOf("..", StringComparison.Ordinal);
        int colon = spec.IndexOf(':', dots);
        if (colon < 0) throw new FormatException($"--param '{text}': a range needs a step: FROM..TO:STEP");
        decimal from = Number(text, spec[..dots], "FROM");
        decimal to = Number(text, spec[(dots + 2)..colon], "TO");
        decimal step = Number(text, spec[(colon + 1)..], "STEP");
        if (step <= 0) throw new FormatException($"--param '{text}': STEP must be positive");
        if (to < from) throw new FormatException($"--param '{text}': TO is below FROM");
        decimal count = decimal.Floor((to - from) / step) + 1;
        if (count > MaxValues) throw new FormatException($"--param '{text}': {count.ToString(CultureInfo.InvariantCulture)} values; at most {MaxValues}");
        // Decimal steps are exact, so 0.1..0.3:0.1 gives 0.1, 0.2, 0.3 and never 0.30000000000000004.
        var values = new List<string>();
        for (int k = 0; k < (int)count; k++) values.Add(Format(from + k * step));
        return values;
    }

    private static decimal Number(string text, string part, string what)
    {
        if (decimal.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)) return value;
        throw new FormatException($"--param '{text}': {what} '{part.Trim()}' is not a number");
    }

    // Trailing zeros of the decimal scale are dropped: 0.0010 -> 0.001, 20.0 -> 20.
    private static string Format(decimal value)
    {
        string s = value.ToString(CultureInfo.InvariantCulture);
        if (!s.Contains('.')) return s;
        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }
}
