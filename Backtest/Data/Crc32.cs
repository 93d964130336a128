using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hft.Backtest.Data;

/// <summary>
/// The zip CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320).
/// </summary>
/// <remarks>
/// The framework has no public CRC-32 before .NET 11 (System.IO.Hashing is a separate package, and
/// <see cref="System.Numerics.BitOperations.Crc32C(uint, byte)"/> is the Castagnoli polynomial, which zip does not use),
/// and <see cref="System.IO.Compression.ZipArchive"/> in .NET 10 does not check it on read. We check it ourselves so a
/// flipped bit in a data file fails loudly instead of silently changing a price. On x86 with PCLMULQDQ the bulk runs
/// as carry-less-multiply folding (several GB/s, so the check costs little next to inflating); elsewhere a
/// slicing-by-8 table is used.
/// </remarks>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    // Slicing-by-8 tables: Table[k * 256 + b] is the CRC contribution of byte b followed by k zero bytes.
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues a finished CRC-32 value (start with 0) over more bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~UpdateRaw(~crc, data);

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Table-only variant, exposed so tests can check the vector path against it.</summary>
    internal static uint AppendScalar(uint crc, ReadOnlySpan<byte> data) => ~UpdateTable(~crc, data);

    // The raw register form (no pre/post inversion) composes: running it over a 16-byte block with register 0
    // gives the CRC contribution of that block, which is what the folding below relies on.
    private static uint UpdateRaw(uint raw, ReadOnlySpan<byte> data)
    {
        if (Pclmulqdq.IsSupported && Sse2.IsSupported && data.Length >= 64)
        {
            int bulk = data.Length & ~15;
            raw = FoldPclmul(raw, data[..bulk]);
            data = data[bulk..];
        }
        return UpdateTable(raw, data);
    }

    private static uint UpdateTable(uint raw, ReadOnlySpan<byte> data)
    {
        ref uint t = ref MemoryMarshal.GetArrayDataReference(Table);
        while (data.Length >= 8)
        {
            uint one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ raw;
            uint two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            raw = Unsafe.Add(ref t, 7 * 256 + (int)(one & 0xFF)) ^
                  Unsafe.Add(ref t, 6 * 256 + (int)((one >> 8) & 0xFF)) ^
                  Unsafe.Add(ref t, 5 * 256 + (int)((one >> 16) & 0xFF)) ^
                  Unsafe.Add(ref t, 4 * 256 + (int)(one >> 24)) ^
                  Unsafe.Add(ref t, 3 * 256 + (int)(two & 0xFF)) ^
                  Unsafe.Add(ref t, 2 * 256 + (int)((two >> 8) & 0xFF)) ^
                  Unsafe.Add(ref t, 1 * 256 + (int)((two >> 16) & 0xFF)) ^
                  Unsafe.Add(ref t, (int)(two >> 24));
            data = data[8..];
        }
        foreach (byte b in data)
            raw = Unsafe.Add(ref t, (int)((raw ^ b) & 0xFF)) ^ (raw >> 8);
        return raw;
    }

    /// <summary>
    /// Folds a multiple of 16 bytes (at least 64) down to one 128-bit remainder with carry-less multiplies, then
    /// finishes that remainder with the table (which avoids a Barrett reduction step and its constants).
    /// The constants are x^(k) mod P for the fold distances, bit-reflected, as published for zlib/Intel's CRC folding:
    /// 4-lane fold over 512 bits (k1, k2) and 1-lane fold over 128 bits (k3, k4).
    /// </summary>
    private static uint FoldPclmul(uint raw, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        Vector128<ulong> k1k2 = Vector128.Create(0x0154442bd4UL, 0x01c6e41596UL);
        Vector128<ulong> k3k4 = Vector128.Create(0x01751997d0UL, 0x00ccaa009eUL);

        Vector128<ulong> x1 = Load(ref p, 0) ^ Vector128.CreateScalar((ulong)raw);
        int offset = 16;
        if (length >= 64)
        {
            Vector128<ulong> x2 = Load(ref p, 16), x3 = Load(ref p, 32), x4 = Load(ref p, 48);
            offset = 64;
            while (length - offset >= 64)
            {
                x1 = Fold(x1, k1k2) ^ Load(ref p, offset);
                x2 = Fold(x2, k1k2) ^ Load(ref p, offset + 16);
                x3 = Fold(x3, k1k2) ^ Load(ref p, offset + 32);
                x4 = Fold(x4, k1k2) ^ Load(ref p, offset + 48);
                offset += 64;
            }
            x1 = Fold(x1, k3k4) ^ x2;
            x1 = Fold(x1, k3k4) ^ x3;
            x1 = Fold(x1, k3k4) ^ x4;
        }
        while (length - offset >= 16)
        {
            x1 = Fold(x1, k3k4) ^ Load(ref p, offset);
            offset += 16;
        }

        Span<byte> rest = stackalloc byte[16];
        x1.AsByte().CopyTo(rest);
        return UpdateTable(0, rest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> k) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte p, int offset) =>
        Unsafe.ReadUnaligned<Vector128<ulong>>(ref Unsafe.Add(ref p, offset));

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            table[i] = c;
        }
        for (int k = 1; k < 8; k++)
            for (int i = 0; i < 256; i++)
            {
                uint prev = table[(k - 1) * 256 + i];
                table[k * 256 + i] = (prev >> 8) ^ table[prev & 0xFF];
            }
        return table;
    }
}
