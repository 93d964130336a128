namespace Hft.Core.Text;

/// <summary>
/// "Did you mean" for misspelt keys and names (configuration keys, strategy parameters, strategy names): the
/// closest candidate by edit distance, if close enough.
/// </summary>
public static class KeySuggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="given"/>, or null when none is plausibly a typo of it. A third of
    /// the length (at least 2) is allowed, which catches slips like <c>tick_sise</c> and <c>maxposition</c>
    /// without proposing unrelated words for short keys; failing that, a candidate that starts with what was
    /// given (at least 4 characters).
    /// </summary>
    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            int d = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best is not null && bestDistance <= Math.Max(2, given.Length / 3) && bestDistance < given.Length) return best;
        // A truncated key (max_order for max_order_qty) is far by edit distance but plainly meant.
        return given.Length >= 4
            ? candidates.Where(c => c.StartsWith(given, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    /// <summary><c> (did you mean 'x'?)</c>, or empty.</summary>
    public static string Hint(string given, IEnumerable<string> candidates) =>
        Closest(given, candidates) is { } s ? $" (did you mean '{s}'?)" : "";

    // Optimal string alignment: Levenshtein plus adjacent transpositions, since swapped letters are a common slip.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}
