using System.Globalization;
using System.Text;

namespace Hft.Engine.Tests.Metrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, written for the tests from the format's
/// description: <c># HELP</c> and <c># TYPE</c> at most once per family and before its samples, a family's samples
/// together, metric and label names by the format's character rules, label values with only <c>\\</c>, <c>\"</c> and
/// <c>\n</c> escapes, values as Go floats (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>), an optional integer timestamp, no
/// series twice, every line ended by <c>\n</c>; histograms with <c>_bucket{le}</c> cumulative up to <c>+Inf</c>
/// equal to <c>_count</c>, and a <c>_sum</c>. Anything else throws <see cref="FormatException"/> naming the line.
/// </summary>
internal sealed class PrometheusText
{
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _help = new(StringComparer.Ordinal);
    private readonly List<PrometheusSample> _samples = new();

    /// <summary>Families by name with their type.</summary>
    public IReadOnlyDictionary<string, string> Types => _types;

    /// <summary>Every sample, in order.</summary>
    public IReadOnlyList<PrometheusSample> Samples => _samples;

    /// <summary>Parses <paramref name="text"/> or throws.</summary>
    public static PrometheusText Parse(string text)
    {
        var result = new PrometheusText();
        result.Read(text);
        return result;
    }

    /// <summary>The value of the one sample <paramref name="name"/> whose labels include <paramref name="labels"/> ("k=v"); throws if none or several.</summary>
    public double Value(string name, params string[] labels)
    {
        var matches = Find(name, labels).ToList();
        if (matches.Count != 1) throw new KeyNotFoundException($"{matches.Count} samples {name}{{{string.Join(",", labels)}}}");
        return matches[0].Value;
    }

    /// <summary>The sum over the samples named <paramref name="name"/> (0 when none).</summary>
    public double Sum(string name) => _samples.Where(s => s.Name == name).Sum(s => s.Value);

    /// <summary>The samples named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public IEnumerable<PrometheusSample> Find(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l =>
        {
            int eq = l.IndexOf('=', StringComparison.Ordinal);
            return s.Labels.TryGetValue(l[..eq], out var v) && v == l[(eq + 1)..];
        }));

    private void Read(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the last line has no line feed");
        var lines = text.Split('\n');
        var seenSeries = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        for (int n = 0; n < lines.Length - 1; n++)
        {
            string line = lines[n];
            string where = $"line {n + 1}: {line}";
            if (line.Length == 0) continue;
            if (line.Contains('\r', StringComparison.Ordinal)) throw new FormatException(where + ": carriage return");
            if (line[0] == '#')
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && parts[1] is "HELP" or "TYPE")
                {
                    string family = parts[2];
                    CheckMetricName(family, where);
                    if (finished.Contains(family) || (current == family && _samples.Count > 0 && FamilyOf(_samples[^1].Name) == family))
                        throw new FormatException(where + ": HELP or TYPE after the family's samples");
                    if (current is not null && current != family) finished.Add(current);
                    current = family;
                    if (parts[1] == "TYPE")
                    {
                        if (parts.Length != 4 || parts[3] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                            throw new FormatException(where + ": bad TYPE");
                        if (!_types.TryAdd(family, parts[3])) throw new FormatException(where + ": TYPE given twice");
                    }
                    else if (!_help.TryAdd(family, parts.Length == 4 ? parts[3] : "")) throw new FormatException(where + ": HELP given twice");
                }
                // Any other comment is allowed and ignored.
                continue;
            }
            var sample = ReadSample(line, where);
            string familyName = FamilyOf(sample.Name);
            if (finished.Contains(familyName)) throw new FormatException(where + ": the family's samples are not together");
            if (current is not null && current != familyName) finished.Add(current);
            current = familyName;
            string key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!seenSeries.Add(key)) throw new FormatException(where + ": series given twice");
            _samples.Add(sample);
        }
        CheckHistograms();
    }

    // A sample's family: the name itself, or for a histogram or summary the name less its suffix.
    private string FamilyOf(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal)) continue;
            string family = name[..^suffix.Length];
            if (_types.TryGetValue(family, out var t) && (t == "histogram" || (t == "summary" && suffix != "_bucket"))) return family;
        }
        return name;
    }

    private static PrometheusSample ReadSample(string line, string where)
    {
        int i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ') i++;
        string name = line[..i];
        CheckMetricName(name, where);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i >= line.Length) throw new FormatException(where + ": unterminated labels");
                if (line[i] == '}') { i++; break; }
                int start = i;
                while (i < line.Length && line[i] != '=') i++;
                string label = line[start..i];
                if (!IsLabelName(label)) throw new FormatException(where + $": bad label name '{label}'");
                if (i + 1 >= line.Length || line[i + 1] != '"') throw new FormatException(where + ": label value not quoted");
                i += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw new FormatException(where + ": unterminated label value");
                    char c = line[i++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (i >= line.Length) throw new FormatException(where + ": dangling escape");
                        char e = line[i++];
                        value.Append(e switch { '\\' => '\\', '"' => '"', 'n' => '\n', _ => throw new FormatException(where + $": bad escape \\{e}") });
                    }
                    else value.Append(c);
                }
                if (!labels.TryAdd(label, value.ToString())) throw new FormatException(where + $": label {label} twice");
                if (i < line.Length && line[i] == ',') i++;
                else if (i >= line.Length || line[i] != '}') throw new FormatException(where + ": expected , or }");
            }
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException(where + ": no value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw new FormatException(where + ": expected value [timestamp]");
        double v = ParseValue(rest[0], where);
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            throw new FormatException(where + ": bad timestamp");
        return new PrometheusSample(name, labels, v);
    }

    private static double ParseValue(string text, string where) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && text.Length > 0 && !text.Contains(',', StringComparison.Ordinal)
            ? v : throw new FormatException(where + $": bad value '{text}'"),
    };

    private static void CheckMetricName(string name, string where)
    {
        bool ok = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');
        if (!ok) throw new FormatException(where + $": bad metric name '{name}'");
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private void CheckHistograms()
    {
        foreach (var (family, type) in _types)
        {
            if (type != "histogram") continue;
            var bySeries = _samples.Where(s => s.Name == family + "_bucket")
                .GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)));
            foreach (var series in bySeries)
            {
                double previousBound = double.NegativeInfinity, previousCount = 0;
                foreach (var bucket in series)
                {
                    if (!bucket.Labels.TryGetValue("le", out var le)) throw new FormatException($"{family}: a bucket without le");
                    double bound = ParseValue(le, family);
                    if (bound <= previousBound) throw new FormatException($"{family}: buckets not in ascending le");
                    if (bucket.Value < previousCount) throw new FormatException($"{family}: bucket counts not cumulative at le={le}");
                    (previousBound, previousCount) = (bound, bucket.Value);
                }
                if (!double.IsPositiveInfinity(previousBound)) throw new FormatException($"{family}: no +Inf bucket");
                var labels = series.First().Labels.Where(l => l.Key != "le").Select(l => l.Key + "=" + l.Value).ToArray();
                var count = Find(family + "_count", labels).ToList();
                var sum = Find(family + "_sum", labels).ToList();
                if (count.Count != 1 || sum.Count != 1) throw new FormatException($"{family}: _count or _sum missing");
                if (count[0].Value != previousCount) throw new FormatException($"{family}: +Inf bucket {previousCount} != _count {count[0].Value}");
            }
        }
    }
}
