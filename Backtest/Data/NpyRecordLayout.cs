namespace Hft.Backtest.Data;

/// <summary>
/// A numpy structured dtype of fixed-size little-endian fields, as hftbacktest's files use: the event record,
/// and the order-latency record of <c>IntpOrderLatency</c>.
/// </summary>
internal sealed class NpyRecordLayout
{
    private NpyRecordLayout(string name, (string Name, string Type)[] fields, int rowSize)
    {
        Name = name;
        Fields = fields;
        RowSize = rowSize;
        DescrRepr = "[" + string.Join(", ", fields.Select(f => $"('{f.Name}', '{f.Type}')")) + "]";
    }

    /// <summary>What the rows are, for messages.</summary>
    public string Name { get; }

    /// <summary>The fields as numpy names them, with their little-endian type strings.</summary>
    public (string Name, string Type)[] Fields { get; }

    /// <summary>Bytes per row.</summary>
    public int RowSize { get; }

    /// <summary>repr() of the dtype's descr, exactly as numpy prints it into a header.</summary>
    public string DescrRepr { get; }

    /// <summary>hftbacktest's event record (64 bytes).</summary>
    public static NpyRecordLayout Event { get; } = new("event",
    [
        ("ev", "<u8"), ("exch_ts", "<i8"), ("local_ts", "<i8"), ("px", "<f8"),
        ("qty", "<f8"), ("order_id", "<u8"), ("ival", "<i8"), ("fval", "<f8"),
    ], 64);

    /// <summary>hftbacktest's order-latency record (32 bytes: request, exchange and response times, padding).</summary>
    public static NpyRecordLayout OrderLatency { get; } = new("order latency",
        [("req_ts", "<i8"), ("exch_ts", "<i8"), ("resp_ts", "<i8"), ("_padding", "<i8")], 32);
}
