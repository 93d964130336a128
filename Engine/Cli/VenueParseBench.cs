using System.Diagnostics;
using System.Text;
using Hft.Backtest.Conversion;
using Hft.Backtest.Conversion.Bybit;
using Hft.Exchanges.Bybit.Parsing;
using Hft.Exchanges.Binance.Futures.Parsing;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>bench --only parse</c>: the cost of turning one venue message into what the engine uses, per message type, as
/// messages per second and bytes allocated per message (the market path should allocate nothing per level).
/// </summary>
internal static class VenueParseBench
{
    /// <summary>One measured message type.</summary>
    public sealed record Figure(string Name, double MessagesPerSecond, double BytesPerMessage);

    private static string Levels(double start, double step) =>
        string.Join(",", Enumerable.Range(0, 10).Select(i => $"[\"{start + i * step:F2}\",\"{1.5 + i:F3}\"]"));

    /// <summary>Measures each message type: the best of <paramref name="runs"/> passes over <paramref name="messages"/> messages.</summary>
    public static IReadOnlyList<Figure> Measure(int runs, int messages = 200_000)
    {
        byte[] depth = Encoding.UTF8.GetBytes(
            $"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":1660228023941,\"T\":1660228023931,\"s\":\"BTCUSDT\",\"U\":1801732831593,\"u\":1801732832589,\"pu\":1801732831561,\"b\":[{Levels(24670.9, -0.1)}],\"a\":[{Levels(24671.0, 0.1)}]}}}}");
        byte[] trade = Encoding.UTF8.GetBytes(
            "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1660228023980,\"T\":1660228023973,\"s\":\"BTCUSDT\",\"t\":2691833663,\"p\":\"24670.90\",\"q\":\"0.022\",\"X\":\"MARKET\",\"m\":true}}");
        byte[] order = Encoding.UTF8.GetBytes(
            "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1568879465651,\"T\":1568879465650,\"o\":{\"s\":\"BTCUSDT\",\"c\":\"hft-42\",\"S\":\"BUY\",\"o\":\"LIMIT\",\"f\":\"GTX\",\"q\":\"0.010\",\"p\":\"24670.90\",\"ap\":\"24670.90\",\"sp\":\"0\",\"x\":\"TRADE\",\"X\":\"PARTIALLY_FILLED\",\"i\":8886774,\"l\":\"0.004\",\"z\":\"0.004\",\"L\":\"24670.90\",\"N\":\"USDT\",\"n\":\"-0.0197\",\"T\":1568879465650,\"t\":77,\"b\":\"0\",\"a\":\"0\",\"m\":true,\"R\":false,\"wt\":\"CONTRACT_PRICE\",\"ot\":\"LIMIT\",\"ps\":\"BOTH\",\"cp\":false,\"rp\":\"0\",\"pP\":false,\"si\":0,\"ss\":0,\"V\":\"NONE\",\"pm\":\"NONE\",\"gtd\":0,\"er\":\"0\"}}");
        byte[] spotDepth = Encoding.UTF8.GetBytes(
            $"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":1660228023941,\"s\":\"BTCUSDT\",\"U\":1801732831593,\"u\":1801732832589,\"b\":[{Levels(24670.9, -0.1)}],\"a\":[{Levels(24671.0, 0.1)}]}}}}");
        byte[] bybitDepth = Encoding.UTF8.GetBytes(
            $"{{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1687940967466,\"data\":{{\"s\":\"BTCUSDT\",\"b\":[{Levels(30247.2, -0.1)}],\"a\":[{Levels(30247.3, 0.1)}],\"u\":177400507,\"seq\":66544703342}},\"cts\":1687940967464}}");
        byte[] bybitTrade = Encoding.UTF8.GetBytes(
            "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1672304486868,\"data\":[{\"T\":1672304486865,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.001\",\"p\":\"16578.50\",\"L\":\"PlusTick\",\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"BT\":false,\"seq\":1783284617}]}");
        byte[] bybitExecution = Encoding.UTF8.GetBytes(
            "{\"topic\":\"execution\",\"id\":\"386825804_BTCUSDT_140612148849382\",\"creationTime\":1746270400355,\"data\":[{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"execFee\":\"0.0197\",\"execId\":\"0ab1bdf7-4219-438b-b30a-32ec863018f7\",\"execPrice\":\"24670.90\",\"execQty\":\"0.004\",\"execType\":\"Trade\",\"execValue\":\"98.6836\",\"feeRate\":\"0.0002\",\"leavesQty\":\"0.006\",\"orderId\":\"9aac161b-8ed6-450d-9cab-c5cc67c21784\",\"orderLinkId\":\"hft-42\",\"orderPrice\":\"24670.90\",\"orderQty\":\"0.010\",\"orderType\":\"Limit\",\"side\":\"Buy\",\"execTime\":\"1746270400353\",\"isMaker\":true,\"seq\":140612148849382}]}");
        var parser = new BinanceMessageParser(BinanceVenue.Futures);
        var spotParser = new BinanceMessageParser(BinanceVenue.Spot);
        var bybitParser = new BybitMessageParser();
        var rows = new EventRowStore();
        return
        [
            Time("binance_futures_depth_20_levels", runs, messages, () => { rows.Clear(); parser.ParseMessage(depth, 1, rows); }),
            Time("binance_futures_trade", runs, messages, () => { rows.Clear(); parser.ParseMessage(trade, 1, rows); }),
            Time("binance_futures_order_update", runs, messages, () => FuturesUserDataParser.Parse(order)),
            Time("binance_spot_depth_20_levels", runs, messages, () => { rows.Clear(); spotParser.ParseMessage(spotDepth, 1, rows); }),
            Time("bybit_linear_orderbook_delta_20_levels", runs, messages, () => { rows.Clear(); bybitParser.ParseMessage(bybitDepth, 1, rows); }),
            Time("bybit_linear_public_trade", runs, messages, () => { rows.Clear(); bybitParser.ParseMessage(bybitTrade, 1, rows); }),
            Time("bybit_execution", runs, messages, () => BybitPrivateParser.Parse(bybitExecution)),
        ];
    }

    private static Figure Time(string name, int runs, int messages, Action parse)
    {
        for (int i = 0; i < 10_000; i++) parse();
        double best = double.MaxValue, bytes = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < messages; i++) parse();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            bytes = Math.Min(bytes, (GC.GetAllocatedBytesForCurrentThread() - before) / (double)messages);
        }
        return new Figure(name, messages / best, bytes);
    }
}
