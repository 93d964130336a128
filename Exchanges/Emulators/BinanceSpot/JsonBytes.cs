using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// Writes one JSON document field by field with <see cref="Utf8JsonWriter"/>, so the venue's field order is kept
/// exactly (a serializer of records would reorder or rename fields, and cannot write <c>c</c> and <c>C</c> side by side).
/// </summary>
internal static class JsonBytes
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The UTF-8 bytes of what <paramref name="write"/> writes.</summary>
    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options)) write(w);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"name":value,"data":payload}</c>-style wrapping of an already written payload.</summary>
    public static byte[] Wrap(Action<Utf8JsonWriter> head, string payloadName, byte[] payload) => Build(w =>
    {
        w.WriteStartObject();
        head(w);
        w.WritePropertyName(payloadName);
        w.WriteRawValue(payload, skipInputValidation: true);
        w.WriteEndObject();
    });

    /// <summary>The venue's error body <c>{"code":-1121,"msg":"Invalid symbol."}</c>.</summary>
    public static byte[] Error(int code, string message) => Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        w.WriteEndObject();
    });

    /// <summary>Writes a decimal as the venue's 8-decimal string.</summary>
    public static void WriteDecimal(this Utf8JsonWriter w, string name, decimal value) => w.WriteString(name, SpotSymbol.Format(value));
}
