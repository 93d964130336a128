using System.IO.Compression;
using System.Text;

namespace Hft.Engine.Tests.Conversion;

/// <summary>Builds collector lines and files (<c>&lt;19-digit ns&gt; &lt;json&gt;</c>, gzip) for conversion tests.</summary>
internal static class RawFiles
{
    /// <summary>A base time (ms) near the real recordings: 2024-08-08T23:54:16.298Z.</summary>
    public const long BaseMs = 1_723_161_256_298;

    /// <summary>One collector line.</summary>
    public static string Line(long localNs, string json) => $"{localNs:D19} {json}";

    /// <summary>Milliseconds to nanoseconds.</summary>
    public static long Ns(long ms) => ms * 1_000_000;

    public static string Trade(long tMs, string price, string qty, bool buyerIsMaker, string execution = "MARKET") =>
        $"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":{tMs + 1},\"T\":{tMs},\"s\":\"BTCUSDT\",\"t\":5266583935," +
        $"\"p\":\"{price}\",\"q\":\"{qty}\",\"X\":\"{execution}\",\"m\":{(buyerIsMaker ? "true" : "false")}}}}}";

    public static string Depth(long tMs, string bids, string asks, long? eMs = null) =>
        $"{{\"stream\":\"btcusdt@depth@0ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{eMs ?? tMs + 1},\"T\":{tMs},\"s\":\"BTCUSDT\"," +
        $"\"U\":5123107832006,\"u\":5123107837557,\"pu\":5123107831937,\"b\":{bids},\"a\":{asks}}}}}";

    /// <summary>A futures depth update with chosen update ids (<c>U</c>, <c>u</c>, <c>pu</c>; spot has no <c>pu</c>).</summary>
    public static string DepthWithIds(long tMs, long first, long last, long? previous, string bids = "[[\"100.0\",\"1\"]]", string asks = "[]") =>
        $"{{\"stream\":\"btcusdt@depth@0ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{tMs + 1},\"T\":{tMs},\"s\":\"BTCUSDT\"," +
        $"\"U\":{first},\"u\":{last}{(previous is { } pu ? $",\"pu\":{pu}" : "")},\"b\":{bids},\"a\":{asks}}}}}";

    public static string BookTicker(long tMs) =>
        $"{{\"stream\":\"btcusdt@bookTicker\",\"data\":{{\"e\":\"bookTicker\",\"u\":5123107839020,\"s\":\"BTCUSDT\",\"b\":\"61800.20\"," +
        $"\"B\":\"2.507\",\"a\":\"61800.30\",\"A\":\"2.510\",\"T\":{tMs},\"E\":{tMs}}}}}";

    public static string Snapshot(long tMs, string bids, string asks) =>
        $"{{\"lastUpdateId\":5123107852948,\"E\":{tMs + 8},\"T\":{tMs},\"bids\":{bids},\"asks\":{asks}}}";

    /// <summary>Writes <paramref name="lines"/> gzip-compressed, each ended by a newline.</summary>
    public static string WriteGz(string path, params string[] lines)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        foreach (var line in lines) gz.Write(Encoding.UTF8.GetBytes(line + "\n"));
        return path;
    }
}
