using System.Text;
using Hft.Backtest.Runs;
using Hft.Core.Journal;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// A strategy's own state across a restart: what it saves with <see cref="IStrategyContext.SaveState"/> in a live session
/// is journaled and handed back, by its name, as <see cref="IStrategyContext.SavedState"/> in the next session.
/// </summary>
[NonParallelizable]
public sealed class StrategySnapshotTests : Data.TempDirectoryTest
{
    private sealed class Saver : Strategy
    {
        public byte[]? Found;
        public int Saved;
        public string? TooBig;

        public override void OnStart() => Found = Context.SavedState;

        public override void OnDepth(int instrument, in MarketEvent update)
        {
            if (Saved >= 2) return;
            Saved++;
            Context.SaveState(Encoding.UTF8.GetBytes($"save {Saved}"));
            if (Saved == 2)
            {
                try
                {
                    Context.SaveState(new byte[IStrategySnapshotJournal.MaxStateBytes + 1]);
                }
                catch (ArgumentException e)
                {
                    TooBig = e.Message;
                }
            }
        }
    }

    [Test]
    public async Task What_a_strategy_saved_comes_back_to_it_by_name_after_a_restart()
    {
        await using var venue = await EmulatorSession.StartAsync(o => o with { Speed = 5 });
        var instrument = new Instrument("SIMUSDT", "binance-futures", 0.01, 0.01);
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret,
        };
        string path = PathOf("s.journal");
        Saver Run(JournalContents? earlier, long? valid)
        {
            var saver = new Saver();
            using var journal = JournalWriter.Open(path, null, valid);
            var setup = new LiveSessionSetup
            {
                Instruments = [instrument],
                Strategies = [new StrategySetup("keeper", () => saver, null), new StrategySetup("other", () => new Saver(), null)],
                VenueName = "binance-futures",
                Journal = journal,
                EarlierJournal = earlier,
                Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
            };
            using (var session = new LiveSession(setup, TestActorSystems.Shared))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while (watch.Elapsed < TimeSpan.FromSeconds(30) && saver.Saved < 2) Thread.Sleep(50);
                session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
            }
            Assert.That(journal.Flush(TimeSpan.FromSeconds(10)), Is.True);
            return saver;
        }

        var first = Run(null, null);
        Assert.That(first.Found, Is.Null, "nothing was saved before the first session");
        Assert.That(first.Saved, Is.EqualTo(2));
        Assert.That(first.TooBig, Does.Contain("60000"), "a state larger than a journal record is refused, saying how large it may be");
        var contents = JournalReader.Read(path);
        Assert.That(contents.Entries.OfType<JournalStrategySnapshotEntry>().Select(e => (e.Strategy, Encoding.UTF8.GetString(e.State))),
            Is.SupersetOf(new[] { ("keeper", "save 1"), ("keeper", "save 2"), ("other", "save 2") }));
        var second = Run(contents, contents.ValidLength);
        Assert.That(second.Found, Is.Not.Null);
        Assert.That(Encoding.UTF8.GetString(second.Found!), Is.EqualTo("save 2"), "the latest save of the strategy of that name");
    }
}
