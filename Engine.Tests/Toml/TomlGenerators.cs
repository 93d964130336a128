using FsCheck;
using FsCheck.Fluent;
using Hft.Core.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>FsCheck generators of TOML documents built from the model (not from text).</summary>
internal static class TomlGenerators
{
    // Pieces strings are made of: ordinary text, everything that needs escaping, non-ASCII, and
    // surrogate pairs kept whole (a lone surrogate is not a TOML string).
    private static readonly string[] StringAtoms =
    [
        "a", "Z", "0", "_", "-", " ", ".", "=", "#", "[", "]", "{", "}", ",", "'", "\"", "\\", "\"\"\"", "'''",
        "\t", "\n", "\r", "\r\n", "\b", "\f", "\0", "\u001f", "\u007f", "é", "中", "\u2028", "\uFEFF", "\U0001F600",
    ];

    private static readonly string[] BareKeys = ["a", "b", "key", "tick_size", "max-pos", "123", "true", "inf", "A_1"];

    public static Gen<string> Text() =>
        Gen.Elements(StringAtoms).ListOf().Select(parts => string.Concat(parts));

    public static Gen<string> Key() =>
        Gen.Frequency(
            (3, Gen.Elements(BareKeys)),
            (1, Gen.Elements("", "a b", "a.b", "ключ", "\"q\"", "x'y", "😀", "#", "=", "[x]")),
            (1, Text()));

    private static Gen<long> AnyLong() =>
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((long)hi << 32) | (uint)lo;

    private static Gen<TomlValue> Integer() =>
        Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (long)i),
            Gen.Elements(0L, long.MinValue, long.MaxValue),
            AnyLong())
        .Select(v => (TomlValue)new TomlInteger(v));

    private static Gen<TomlValue> Float() =>
        Gen.OneOf(
            Gen.Elements(0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon,
                double.MaxValue, double.MinValue, 1e16, 0.1, 1.5, -2.5e-300),
            Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0),
            AnyLong().Select(BitConverter.Int64BitsToDouble))
        .Select(v => (TomlValue)new TomlFloat(v));

    private static Gen<TomlLocalDate> Date() =>
        from year in Gen.Choose(0, 9999)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, TomlLocalDate.DaysInMonth(year, month))
        select new TomlLocalDate(year, month, day);

    private static Gen<TomlLocalTime> Time() =>
        from hour in Gen.Choose(0, 23)
        from minute in Gen.Choose(0, 59)
        from second in Gen.Choose(0, 60)
        from digits in Gen.Choose(0, 9)
        from fraction in Gen.Choose(0, (int)Math.Pow(10, digits) - 1)
        select new TomlLocalTime(hour, minute, second, fraction * (int)Math.Pow(10, 9 - digits), digits);

    private static Gen<TomlOffsetDateTime> OffsetDateTime() =>
        from date in Date()
        from time in Time()
        from offset in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(-TomlOffsetDateTime.MaxOffsetMinutes, TomlOffsetDateTime.MaxOffsetMinutes)))
        from z in Gen.Elements(true, false)
        select new TomlOffsetDateTime(new TomlLocalDateTime(date, time), offset, z && offset == 0);

    public static Gen<TomlValue> Scalar() =>
        Gen.OneOf(
            Text().Select(s => (TomlValue)new TomlString(s)),
            Integer(),
            Float(),
            Gen.Elements(true, false).Select(b => (TomlValue)new TomlBoolean(b)),
            OffsetDateTime().Select(v => (TomlValue)new TomlOffsetDateTimeValue(v)),
            from d in Date() from t in Time() select (TomlValue)new TomlLocalDateTimeValue(new TomlLocalDateTime(d, t)),
            Date().Select(v => (TomlValue)new TomlLocalDateValue(v)),
            Time().Select(v => (TomlValue)new TomlLocalTimeValue(v)));

    public static Gen<TomlValue> Value(int depth) =>
        depth <= 0
            ? Scalar()
            : Gen.Frequency(
                (8, Scalar()),
                (2, Array(depth - 1).Select(a => (TomlValue)a)),
                (2, Table(depth - 1).Select(t => (TomlValue)t)),
                (1, TableArray(depth - 1).Select(a => (TomlValue)a)));

    private static Gen<TomlArray> Array(int depth) =>
        from count in Gen.Choose(0, 4)
        from items in Value(depth).ListOf(count)
        select new TomlArray(items);

    private static Gen<TomlArray> TableArray(int depth) =>
        from count in Gen.Choose(1, 3)
        from items in Table(depth).ListOf(count)
        select new TomlArray(items);

    public static Gen<TomlTable> Table(int depth) =>
        from count in Gen.Choose(0, 5)
        from keys in Key().ListOf(count)
        from values in Value(depth).ListOf(count)
        select Build(keys, values);

    public static Gen<TomlTable> Document(int depth) => Table(depth);

    private static TomlTable Build(IEnumerable<string> keys, IEnumerable<TomlValue> values)
    {
        var table = new TomlTable();
        foreach (var (key, value) in keys.Zip(values))
        {
            if (!table.ContainsKey(key))
                table.Add(key, value);
        }
        return table;
    }
}
