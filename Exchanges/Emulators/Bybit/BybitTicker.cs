using System.Text.Json;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// One state of the linear <c>tickers.{symbol}</c> topic (exchange-protocols 3.2.6, fixture <c>tickers-linear-snapshot.json</c>):
/// every field a string, in the fixture's order. A snapshot writes them all; a delta only <c>symbol</c> and the fields that
/// differ from the state the client last got, which it merges into that state.
/// </summary>
public sealed class BybitTicker
{
    /// <summary>The fields of a linear ticker, in the venue's order.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "symbol", "tickDirection", "price24hPcnt", "lastPrice", "prevPrice24h", "highPrice24h", "lowPrice24h", "prevPrice1h",
        "markPrice", "indexPrice", "openInterest", "openInterestValue", "turnover24h", "volume24h", "fundingIntervalHour",
        "fundingCap", "nextFundingTime", "fundingRate", "bid1Price", "bid1Size", "ask1Price", "ask1Size", "preOpenPrice",
        "preQty", "curPreListingPhase",
    ];

    // The fields whose change makes the venue push a delta: the top of the book and the last price.
    private static readonly int[] Triggers = new[] { "bid1Price", "bid1Size", "ask1Price", "ask1Size", "lastPrice" }.Select(IndexOf).ToArray();

    private readonly string[] _values;

    /// <summary>A state from its values, one per <see cref="Fields"/> entry in that order.</summary>
    public BybitTicker(string[] values)
    {
        if (values.Length != Fields.Count) throw new ArgumentException($"a ticker has {Fields.Count} fields, got {values.Length}", nameof(values));
        _values = values;
    }

    /// <summary>The value of field <paramref name="name"/>.</summary>
    public string this[string name] => _values[IndexOf(name)];

    /// <summary>The index of field <paramref name="name"/> in <see cref="Fields"/>.</summary>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < Fields.Count; i++) if (Fields[i] == name) return i;
        throw new ArgumentException("not a ticker field: " + name, nameof(name));
    }

    /// <summary>True if the top of the book or the last price differ from <paramref name="before"/>.</summary>
    public bool TopOrLastChangedSince(BybitTicker before)
    {
        foreach (int i in Triggers) if (_values[i] != before._values[i]) return true;
        return false;
    }

    /// <summary>
    /// The message <c>{"topic","type","data","cs","ts"}</c> (the fixture's order): a snapshot of every field when
    /// <paramref name="before"/> is null, else a delta of <c>symbol</c> and what changed since <paramref name="before"/>.
    /// </summary>
    public byte[] Message(BybitTicker? before, long crossSequence, long tsMs) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("topic", "tickers." + _values[0]);
        w.WriteString("type", before is null ? "snapshot" : "delta");
        w.WriteStartObject("data");
        for (int i = 0; i < _values.Length; i++)
            if (before is null || i == 0 || before._values[i] != _values[i]) w.WriteString(Fields[i], _values[i]);
        w.WriteEndObject();
        w.WriteNumber("cs", crossSequence);
        w.WriteNumber("ts", tsMs);
        w.WriteEndObject();
    });

    /// <summary>Writes the fields as a JSON object (for the admin state).</summary>
    public void Write(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        for (int i = 0; i < _values.Length; i++) w.WriteString(Fields[i], _values[i]);
        w.WriteEndObject();
    }
}
