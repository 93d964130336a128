using System.Buffers;
using System.Text.Json;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// Builds one JSON document with <see cref="Utf8JsonWriter"/>, field by field, so the venue's field order is kept
/// exactly (a serializer of records would reorder or rename them).
/// </summary>
public static class JsonFrames
{
    /// <summary>The UTF-8 bytes of what <paramref name="write"/> writes.</summary>
    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
        {
            write(w);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"stream":"name","data":payload}</c>: the combined-stream wrapping of a raw payload.</summary>
    public static byte[] Wrap(string stream, byte[] payload)
    {
        return Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("stream", stream);
            w.WritePropertyName("data");
            w.WriteRawValue(payload, skipInputValidation: true);
            w.WriteEndObject();
        });
    }
}
