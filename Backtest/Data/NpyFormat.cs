using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using static Hft.Backtest.Data.PythonLiteral;

namespace Hft.Backtest.Data;

/// <summary>
/// The NPY 1.0 header for hftbacktest's records (<see cref="NpyRecordLayout"/>): writing it byte for byte as
/// numpy does, and reading and checking it the way hftbacktest's Rust reader does
/// (<c>hftbacktest/src/backtest/data/npy/mod.rs</c>).
/// </summary>
internal static class NpyFormat
{
    /// <summary>Bytes before the header text: 6 magic bytes, 2 version bytes, 2 header-length bytes.</summary>
    public const int PrefixLength = 10;

    /// <summary>numpy aligns the data start to this (<c>numpy.lib.format.ARRAY_ALIGN</c>).</summary>
    private const int ArrayAlign = 64;

    /// <summary>numpy leaves room for the row count to grow to this many digits (<c>GROWTH_AXIS_MAX_DIGITS</c>).</summary>
    private const int GrowthAxisMaxDigits = 21;

    /// <summary><c>\x93NUMPY</c>.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>
    /// The complete NPY 1.0 prefix and header for <paramref name="count"/> rows, as numpy's
    /// <c>format.write_array_header_1_0</c> makes it: keys in sorted order, each followed by ", ", then spaces so
    /// the row count could grow to 21 digits in place, then spaces and a final '\n' up to a multiple of 64 bytes.
    /// For this dtype that is always 256 bytes (header length 246).
    /// </summary>
    public static byte[] BuildHeader(long count, NpyRecordLayout? layout = null)
    {
        layout ??= NpyRecordLayout.Event;
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        string shape = count.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .Append("{'descr': ").Append(layout.DescrRepr)
            .Append(", 'fortran_order': False, 'shape': (").Append(shape).Append(",), }")
            .Append(' ', Math.Max(0, GrowthAxisMaxDigits - shape.Length));
        int unpadded = PrefixLength + text.Length + 1; // +1 for the final '\n'
        // Exactly numpy's formula, which pads a full 64 bytes when the text happens to be aligned already.
        int pad = ArrayAlign - unpadded % ArrayAlign;
        text.Append(' ', pad).Append('\n');

        byte[] bytes = new byte[PrefixLength + text.Length];
        Magic.CopyTo(bytes);
        bytes[6] = 1; // version 1.0
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)text.Length));
        Encoding.ASCII.GetBytes(text.ToString(), bytes.AsSpan(PrefixLength));
        return bytes;
    }

    /// <summary>
    /// Checks the 10-byte prefix and returns the header text length that follows it.
    /// </summary>
    public static int ParsePrefix(string path, ReadOnlySpan<byte> prefix)
    {
        if (!prefix[..6].SequenceEqual(Magic))
            throw new EventFileException(path, $"not an NPY array (bad magic bytes {Convert.ToHexString(prefix[..6])})");
        if (prefix[6] != 1 || prefix[7] != 0)
            throw new EventFileException(path, $"unsupported NPY version {prefix[6]}.{prefix[7]} (only 1.0 is supported, as in hftbacktest)");
        return BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
    }

    /// <summary>
    /// Parses and checks the header text. Returns the row count; name mismatches in the dtype (which hftbacktest
    /// only warns about) are added to <paramref name="warnings"/>.
    /// </summary>
    public static long ParseHeader(string path, ReadOnlySpan<byte> headerBytes, List<string> warnings, NpyRecordLayout? layout = null)
    {
        layout ??= NpyRecordLayout.Event;
        // numpy writes latin-1; hftbacktest requires UTF-8. Every valid header is plain ASCII, so latin-1 decoding
        // cannot fail and anything exotic is caught by the parser.
        string text = Encoding.Latin1.GetString(headerBytes);
        object? parsed;
        try
        {
            parsed = PythonLiteral.Parse(text);
        }
        catch (FormatException e)
        {
            throw new EventFileException(path, $"malformed NPY header ({e.Message})", e);
        }
        if (parsed is not PyDict dict)
            throw new EventFileException(path, "malformed NPY header (not a dict)");

        object? descr = null, fortran = null, shape = null;
        bool haveDescr = false, haveFortran = false, haveShape = false;
        foreach (var (key, value) in dict.Items)
        {
            switch (key)
            {
                case "descr" when !haveDescr: descr = value; haveDescr = true; break;
                case "fortran_order" when !haveFortran: fortran = value; haveFortran = true; break;
                case "shape" when !haveShape: shape = value; haveShape = true; break;
                case "descr" or "fortran_order" or "shape":
                    throw new EventFileException(path, $"malformed NPY header (key '{key}' appears twice)");
                default:
                    throw new EventFileException(path, $"NPY header has unexpected key {Repr(key)} (only descr, fortran_order, shape are allowed)");
            }
        }
        if (!haveDescr) throw new EventFileException(path, "NPY header lacks key 'descr'");
        if (!haveFortran) throw new EventFileException(path, "NPY header lacks key 'fortran_order'");
        if (!haveShape) throw new EventFileException(path, "NPY header lacks key 'shape'");

        if (fortran is not bool isFortran)
            throw new EventFileException(path, $"fortran_order is {Repr(fortran)}, expected False");
        if (isFortran)
            throw new EventFileException(path, "fortran_order is True (only C order is supported)");

        CheckDescr(path, descr, warnings, layout);

        if (shape is not PyList { IsTuple: true } dims || dims.Items.Any(d => d is not long))
            throw new EventFileException(path, $"shape {Repr(shape)} is not a tuple of integers");
        if (dims.Items.Count != 1)
            throw new EventFileException(path, $"shape {Repr(shape)} is not 1-D");
        long count = (long)dims.Items[0]!;
        if (count < 0)
            throw new EventFileException(path, $"shape {Repr(shape)} has a negative length");
        if (count > long.MaxValue / layout.RowSize)
            throw new EventFileException(path, $"shape {Repr(shape)} is too large");
        return count;
    }

    private static void CheckDescr(string path, object? descr, List<string> warnings, NpyRecordLayout layout)
    {
        var Fields = layout.Fields;
        string DescrRepr = layout.DescrRepr;
        if (descr is not PyList { IsTuple: false } fields)
            throw new EventFileException(path, $"dtype mismatch: descr is {Repr(descr)}, expected {DescrRepr}");
        if (fields.Items.Count != Fields.Length)
            throw new EventFileException(path, $"dtype mismatch: {fields.Items.Count} fields, expected {Fields.Length} ({DescrRepr})");
        for (int i = 0; i < Fields.Length; i++)
        {
            // A field is (name, type); a third element would be a sub-array shape, which these records never have.
            if (fields.Items[i] is not PyList { IsTuple: true, Items: [string name, string type] })
                throw new EventFileException(path, $"dtype mismatch: field {i} is {Repr(fields.Items[i])}, expected ('{Fields[i].Name}', '{Fields[i].Type}')");
            if (type != Fields[i].Type)
                throw new EventFileException(path, $"dtype mismatch: field '{name}' is '{type}', expected '{Fields[i].Type}'");
            // hftbacktest reads by position and only warns about names; so do we.
            if (name != Fields[i].Name)
                warnings.Add($"{path}: field {i} is named '{name}', expected '{Fields[i].Name}' (read by position)");
        }
    }
}
