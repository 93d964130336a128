using System.Globalization;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// Faults drawn at random (seeded, so the same seed and data give the same schedule), parsed from
/// <c>--faults KEY=VALUE[,KEY=VALUE...]</c>. Probabilities are per market message, per market frame or per REST
/// request, as each key says:
/// <list type="table">
/// <item><term><c>gap=P</c></term><description>a depth event is left out of the streams (the next one's <c>pu</c> does not match)</description></item>
/// <item><term><c>dup=P</c></term><description>a market frame is sent twice</description></item>
/// <item><term><c>reorder=P</c></term><description>a market frame is sent after the one that follows it</description></item>
/// <item><term><c>disconnect=P</c></term><description>every WebSocket connection is dropped (per market message)</description></item>
/// <item><term><c>stale=P:MS</c></term><description>the market streams go silent for MS milliseconds (per market message)</description></item>
/// <item><term><c>slow=MS</c></term><description>every REST answer is delayed by MS milliseconds</description></item>
/// <item><term><c>error=P[:KIND]</c></term><description>an order request (new, amend, cancel, cancel all) fails; KIND is one of <see cref="RestFailureKinds.Names"/> (default unknown-executed)</description></item>
/// <item><term><c>ratelimit=P</c></term><description>a REST request is answered 429 as if over the weight limit</description></item>
/// </list>
/// </summary>
public sealed record FaultSchedule
{
    /// <summary>No random faults.</summary>
    public static FaultSchedule None { get; } = new();

    /// <summary>The keys <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["gap", "dup", "reorder", "disconnect", "stale", "slow", "error", "ratelimit"];

    /// <summary>Per depth event: left out of the streams.</summary>
    public double Gap { get; init; }
    /// <summary>Per market frame: sent twice.</summary>
    public double Duplicate { get; init; }
    /// <summary>Per market frame: swapped with the next.</summary>
    public double Reorder { get; init; }
    /// <summary>Per market message: every connection dropped.</summary>
    public double Disconnect { get; init; }
    /// <summary>Per market message: the streams go silent.</summary>
    public double Stale { get; init; }
    /// <summary>How long a drawn silence lasts (ms).</summary>
    public int StaleMs { get; init; } = 1000;
    /// <summary>Delay of every REST answer (ms).</summary>
    public int SlowMs { get; init; }
    /// <summary>Per order request: an injected failure.</summary>
    public double RestError { get; init; }
    /// <summary>What an injected failure looks like.</summary>
    public RestFailureKind RestErrorKind { get; init; } = RestFailureKind.UnknownExecuted;
    /// <summary>Per REST request: a forced 429.</summary>
    public double RateLimit { get; init; }

    /// <summary>Parses the <c>--faults</c> syntax (see the type's remarks); empty text is <see cref="None"/>.</summary>
    /// <exception cref="ArgumentException">A key or value is not valid; the message names it.</exception>
    public static FaultSchedule Parse(string? text)
    {
        var s = new FaultSchedule();
        if (string.IsNullOrWhiteSpace(text)) return s;
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--faults: '{part}' is not KEY=VALUE (keys: {string.Join(", ", Keys)})");
            string key = part[..eq].Trim().ToLowerInvariant();
            string value = part[(eq + 1)..].Trim();
            string[] pieces = value.Split(':', 2);
            s = key switch
            {
                "gap" => s with { Gap = Probability(key, value) },
                "dup" or "duplicate" => s with { Duplicate = Probability(key, value) },
                "reorder" => s with { Reorder = Probability(key, value) },
                "disconnect" or "drop" => s with { Disconnect = Probability(key, value) },
                "stale" => s with { Stale = Probability(key, pieces[0]), StaleMs = pieces.Length > 1 ? Millis(key, pieces[1]) : s.StaleMs },
                "slow" => s with { SlowMs = Millis(key, value) },
                "error" => s with { RestError = Probability(key, pieces[0]), RestErrorKind = pieces.Length > 1 ? ParseKind(pieces[1]) : s.RestErrorKind },
                "ratelimit" or "429" => s with { RateLimit = Probability(key, value) },
                _ => throw new ArgumentException($"--faults: unknown fault '{key}'; available: {string.Join(", ", Keys)}"),
            };
        }
        return s;
    }

    private static RestFailureKind ParseKind(string text)
    {
        try { return RestFailureKinds.Parse(text); }
        catch (ArgumentException e) { throw new ArgumentException($"--faults: error: {e.Message}"); }
    }

    private static double Probability(string key, string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p >= 0 && p <= 1) return p;
        throw new ArgumentException($"--faults: {key}: '{text}' is not a probability between 0 and 1");
    }

    private static int Millis(string key, string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms <= 3_600_000) return ms;
        throw new ArgumentException($"--faults: {key}: '{text}' is not a number of milliseconds (0 to 3600000)");
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (Gap > 0) parts.Add(string.Create(c, $"gap={Gap}"));
        if (Duplicate > 0) parts.Add(string.Create(c, $"dup={Duplicate}"));
        if (Reorder > 0) parts.Add(string.Create(c, $"reorder={Reorder}"));
        if (Disconnect > 0) parts.Add(string.Create(c, $"disconnect={Disconnect}"));
        if (Stale > 0) parts.Add(string.Create(c, $"stale={Stale}:{StaleMs}"));
        if (SlowMs > 0) parts.Add(string.Create(c, $"slow={SlowMs}"));
        if (RestError > 0) parts.Add(string.Create(c, $"error={RestError}:{RestFailureKinds.NameOf(RestErrorKind)}"));
        if (RateLimit > 0) parts.Add(string.Create(c, $"ratelimit={RateLimit}"));
        return parts.Count == 0 ? "none" : string.Join(',', parts);
    }
}
