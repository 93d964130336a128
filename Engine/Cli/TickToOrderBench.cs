using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Akka.Actor;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Runtime;
using Hft.Core.Strategies;
using Hft.Engine.Live;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Common;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>bench --only tick</c>: internal tick-to-order latency of a live session on Binance USD-M futures, from a depth
/// frame handed to the gateway to its order request reaching the HTTP handler (where the request's bytes go to the
/// socket): parse, book sync, book, strategy, risk, order state, signing. The venue is answered in process, so no
/// network time is in the figure; the loop spins before it blocks, as a latency-minded live session would.
/// </summary>
internal static class TickToOrderBench
{
    private static readonly Instrument Bench = new("BENCHUSDT", "binance-futures", 0.1, 0.001);

    /// <summary>
    /// Measures <paramref name="count"/> frames, each answered by one order (and the cancel of the one before); returns p50,
    /// p99 and p99.9 in µs and the bytes allocated per cycle on all threads (the in-process venue's answers included).
    /// </summary>
    public static (double P50, double P99, double P999, double BytesPerCycle) Measure(ActorSystem system, int count, bool journal = false)
    {
        string? journalPath = journal ? Path.Combine(Path.GetTempPath(), $"hft-tick-bench-{Environment.ProcessId}.journal") : null;
        using var writer = journalPath is null ? null : Hft.Core.Journal.JournalWriter.Open(journalPath);
        try
        {
            return Measure(system, count, writer);
        }
        finally
        {
            writer?.Dispose();
            if (journalPath is not null) File.Delete(journalPath);
        }
    }

    private static (double P50, double P99, double P999, double BytesPerCycle) Measure(ActorSystem system, int count, Hft.Core.Journal.JournalWriter? journal)
    {
        var venue = new InProcessVenue();
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures",
            RestUrl = new Uri("http://127.0.0.1:9"),
            WsUrl = new Uri("ws://127.0.0.1:9"),
            ApiKey = "bench-key",
            ApiSecret = "bench-secret",
            Trading = true,
            RestHandler = venue,
            ConnectStreams = false,
        };
        var setup = new LiveSessionSetup
        {
            Instruments = [Bench],
            Strategies = [new StrategySetup("probe", () => new Probe(), null)],
            VenueName = "binance-futures",
            Journal = journal,
            LoopOptions = new CoreLoopOptions(SpinBeforeWait: TimeSpan.FromMilliseconds(50)),
            Gateway = context => new BinanceGateway(options, new FuturesMarket(options), [Bench], context.Books, context.BookEntries,
                context.ExchangeSide, context.Loop, context.Statistics, context.Recovery),
        };
        using var session = new LiveSession(setup, system);
        var gateway = session.GatewayActor;
        // The snapshot the book syncs from (lastUpdateId 100), then one frame per sample that adds or removes the best
        // bid (100.1 over 100.0), so the best bid moves every time.
        gateway.Tell(new StreamConnected(0, false, "bench"), ActorRefs.NoSender);
        var watch = Stopwatch.StartNew();
        while (!venue.SnapshotServed && watch.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(1);
        long u = 99; // the first frame spans the snapshot: U 100 <= lastUpdateId 100 <= u 102
        var samples = new long[count];
        int warmup = Math.Max(1000, count / 5);
        long allocatedBefore = 0;
        for (int i = -warmup; i < count; i++)
        {
            if (i == 0) allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long first = u + 1, last = u + 3;
            string frame = $"{{\"stream\":\"benchusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"BENCHUSDT\",\"U\":{first},\"u\":{last},\"pu\":{u},\"b\":[[\"100.1\",\"{((i & 1) == 0 ? "2.000" : "0")}\"]],\"a\":[[\"100.5\",\"1.000\"]]}}}}";
            u = last;
            byte[] bytes = Encoding.UTF8.GetBytes(frame);
            long orders = venue.Orders;
            long sent = Stopwatch.GetTimestamp();
            venue.FrameSentAt = sent;
            gateway.Tell(StreamFrame.Copy(0, bytes, 0), ActorRefs.NoSender);
            var spin = new SpinWait();
            long deadline = sent + Stopwatch.Frequency;
            while (venue.Orders == orders && Stopwatch.GetTimestamp() < deadline) spin.SpinOnce(-1);
            if (venue.Orders == orders) throw new InvalidOperationException("the probe strategy sent no order within 1 s of a book change");
            if (i >= 0) samples[i] = venue.LastLatency;
        }
        double perCycle = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)count;
        session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(5));
        Array.Sort(samples);
        double us = 1e6 / Stopwatch.Frequency;
        return (samples[count / 2] * us, samples[Math.Min(count - 1, (int)(count * 0.99))] * us, samples[Math.Min(count - 1, (int)(count * 0.999))] * us, perCycle);
    }

    /// <summary>Sends one buy order whenever the best bid moves, then cancels the one before.</summary>
    private sealed class Probe : Strategy
    {
        private double _lastBid = double.NaN;
        private ulong _next = 1;

        public override void OnDepth(int instrument, in MarketEvent update)
        {
            double bid = Context.Depth(instrument).BestBid;
            if (bid.Equals(_lastBid)) return;
            _lastBid = bid;
            // The new order first: the figure is the time to it, and the cancel of the one before follows.
            Context.SubmitBuy(instrument, _next, bid - 1.0, 0.001);
            if (_next > 1) Context.Cancel(instrument, _next - 1);
            _next++;
        }
    }

    /// <summary>Answers the gateway's REST calls at once, and times each new order's arrival.</summary>
    private sealed class InProcessVenue : HttpMessageHandler
    {
        private long _orders;

        public long FrameSentAt { get; set; }
        public long LastLatency { get; private set; }
        public long Orders => Interlocked.Read(ref _orders);
        public bool SnapshotServed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            string body;
            if (request.Method == HttpMethod.Post && path == "/fapi/v1/order")
            {
                LastLatency = Stopwatch.GetTimestamp() - FrameSentAt;
                Interlocked.Increment(ref _orders);
                body = Order(request.RequestUri.Query, "NEW");
            }
            else if (request.Method == HttpMethod.Delete && path == "/fapi/v1/order")
            {
                body = Order(request.RequestUri.Query, "CANCELED");
            }
            else
            {
                body = path switch
                {
                    "/fapi/v1/time" => $"{{\"serverTime\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}",
                    "/fapi/v1/exchangeInfo" => "{\"symbols\":[{\"symbol\":\"BENCHUSDT\",\"status\":\"TRADING\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"0.1\"},{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"0.001\",\"minQty\":\"0.001\"}]}]}",
                    "/fapi/v1/listenKey" => "{\"listenKey\":\"bench\"}",
                    "/fapi/v1/depth" => Snapshot(),
                    _ => "[]",
                };
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        }

        private string Snapshot()
        {
            SnapshotServed = true;
            return "{\"lastUpdateId\":100,\"E\":1,\"T\":1,\"bids\":[[\"100.0\",\"1.000\"]],\"asks\":[[\"100.5\",\"1.000\"]]}";
        }

        private static string Order(string query, string status)
        {
            string id = query.Split('&').Select(p => p.TrimStart('?')).First(p => p.StartsWith("newClientOrderId=", StringComparison.Ordinal) || p.StartsWith("origClientOrderId=", StringComparison.Ordinal));
            id = Uri.UnescapeDataString(id[(id.IndexOf('=') + 1)..]);
            return string.Create(CultureInfo.InvariantCulture,
                $"{{\"clientOrderId\":\"{id}\",\"executedQty\":\"0\",\"orderId\":1,\"avgPrice\":\"0\",\"origQty\":\"0.001\",\"price\":\"99.0\",\"side\":\"BUY\",\"status\":\"{status}\",\"symbol\":\"BENCHUSDT\",\"updateTime\":1}}");
        }
    }
}
