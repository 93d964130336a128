using System.Security.Cryptography;
using System.Text;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Conversion;

namespace Hft.Engine.Tests.Backtests;

/// <summary>
/// The results of a matrix of backtests are exactly those of the engine before its port onto Akka.NET: SHA-256
/// digests of summary.json, fills.csv, orders.csv and equity.csv, recorded with the pre-port build on the same
/// generated and converted files (data paths written as DATA). Every exchange model, three queue models, the grid,
/// glft and obi strategies, a two-instrument configuration and the converted real BTC recording.
/// </summary>
[NonParallelizable]
public sealed class ResultDigestTests
{
    private static readonly string[] Files = ["summary.json", "fills.csv", "orders.csv", "equity.csv"];
    private string _dir = null!;

    private static readonly Dictionary<string, string> Recorded = new(StringComparer.Ordinal)
    {
        ["sample summary.json"] = "75b1dc32b52747b4b2dc356e73e7c9dc35658941bc92d241ac1cf27503334e15",
        ["sample fills.csv"] = "fa79c12eef31464d536627fd16443e144cd88e68fc79bb5760211b813a511245",
        ["sample orders.csv"] = "7ceab0360f182185c6a3927bda4969be72b38bf3f75f16258d95d4cd916c53e5",
        ["sample equity.csv"] = "ead14278ae86c44556f800990e30fcefb7d0be9f03e745691f3e5c734921c3bb",
        ["grid-no-partial-fill-risk-averse summary.json"] = "56d0ddf22232163fd31fed62cffb749c07af507fc282b39c217726e1cda8d07e",
        ["grid-no-partial-fill-risk-averse fills.csv"] = "e6d70a4c6b7f7cd16374c62fadae2a96ab7673cb4e8361efe3173f111c87d09f",
        ["grid-no-partial-fill-risk-averse orders.csv"] = "f8ef150ab4e700d6bd93464b26ce8d42edfb8fbdc14bc6f7660682160163be4d",
        ["grid-no-partial-fill-risk-averse equity.csv"] = "54ec07e08c1577e09952bd634c9ae47df0a90a0720c3059efe87e17edd3181c6",
        ["grid-no-partial-fill-power3 summary.json"] = "651a296fe43e541b97fe27792d2a8d19e8fe7f5e3b4fa5f8f913c6debdfdea2f",
        ["grid-no-partial-fill-power3 fills.csv"] = "2d9f01521895c0e3f26331930a3a461f910e68a92c4fd5ec83805cb3330bd1e2",
        ["grid-no-partial-fill-power3 orders.csv"] = "9857953741ee04b5a4d232b6d97b98ca8909ed5e7d6469940b7b4f49dce69acf",
        ["grid-no-partial-fill-power3 equity.csv"] = "2af3bd33276ea1beb0f27db16805bd8b89d27343d37c12f773b5a4055b907ccd",
        ["grid-no-partial-fill-log summary.json"] = "8690011125c4a5a2f7288a1937462999f67416dab4fcf706c02d0b9ab3532887",
        ["grid-no-partial-fill-log fills.csv"] = "e6d70a4c6b7f7cd16374c62fadae2a96ab7673cb4e8361efe3173f111c87d09f",
        ["grid-no-partial-fill-log orders.csv"] = "f8ef150ab4e700d6bd93464b26ce8d42edfb8fbdc14bc6f7660682160163be4d",
        ["grid-no-partial-fill-log equity.csv"] = "54ec07e08c1577e09952bd634c9ae47df0a90a0720c3059efe87e17edd3181c6",
        ["grid-partial-fill-risk-averse summary.json"] = "4fe469670c5cfed29e5d3a383d77ba38031a31e85b89e0b564b57d50596ffd24",
        ["grid-partial-fill-risk-averse fills.csv"] = "7f35858d1d80e44a94d4fd783efcff05d71eed66b05f56f6d49e7206b83cdf52",
        ["grid-partial-fill-risk-averse orders.csv"] = "35e009b5774a091094f704194906e5a71f5f7bcb59f7e304078c277ad896f29e",
        ["grid-partial-fill-risk-averse equity.csv"] = "5eeb980f6f7c893b1d2190bf6ab40a4f5a11170ea570135230d7a36a4c2f6da8",
        ["grid-partial-fill-power3 summary.json"] = "a3b645d92eb13aa1e7a76a67ff2fdc8a70c7f86921ced241a72a6a5f5ec298ca",
        ["grid-partial-fill-power3 fills.csv"] = "67b119aa0ab794ae102aa01ae8dc16848be154159c7072549035dd1d5b428737",
        ["grid-partial-fill-power3 orders.csv"] = "f96c0c44cac247517696273335f5487b25227b79606f637e77b5a7a0620e8c35",
        ["grid-partial-fill-power3 equity.csv"] = "cecbd2d77a2b7813624ac8f6debcdb3cb98c88c66dcff9fcc9e7ade45b336286",
        ["grid-partial-fill-log summary.json"] = "61bc95e61e1dc39e3d2ce1f0a2efd52df459d8a9854a29926ed77cb15dcdc065",
        ["grid-partial-fill-log fills.csv"] = "7dfaa1614a19acd4878ef99bc8d0356b05273f320df66d07e185525383104e66",
        ["grid-partial-fill-log orders.csv"] = "fc37b4b43b2d64a665875540eeb00b778d847a2b3d339c3339f9e1a15c8805e3",
        ["grid-partial-fill-log equity.csv"] = "9ed9294a056a665e8c9cdcc4e3223f75f6f1fffa7bc855cca99222e4559e703a",
        ["l3 summary.json"] = "f3d7c9e3466f8b567f1a1977242aa1842405f26747b16060ea1f92cea26370ac",
        ["l3 fills.csv"] = "4ef9824b7a8e65f28a7b8798c4ce339be0528e6a088ae5b44dfcef8036ddd278",
        ["l3 orders.csv"] = "d34a504fa03cfa546c246dd63b84be4022d41609346e7515a09a6ddddede1e78",
        ["l3 equity.csv"] = "5472cfa878bdb35ed81f47c988e6b87e9cf72282bb5a3ff4326671f837361f95",
        ["glft summary.json"] = "c34d845e86c3594443c29980760119208c7c4351451846439e15faf402fe7119",
        ["glft fills.csv"] = "02ce8d2b87dc798036705a5df8fe65a89f0f5c6725f53211c2b5deff671f68be",
        ["glft orders.csv"] = "36c96d009c7c63cc4788d8a6ef9e41afd8295cdcc216d2d40a438fd10bf95e66",
        ["glft equity.csv"] = "f4dfed9608c1a9e85f5567daf956a7de1f8df6c7619ce665ca2d61001a5952b1",
        ["glft-pf summary.json"] = "d3d031b2656412b8998ec5e712fb5e397d8bdfddcc59748b6db6628226a5cc6b",
        ["glft-pf fills.csv"] = "94502f8fef52ac142825c7788f284bb466781b7ec3ce49013b30575ead4766fe",
        ["glft-pf orders.csv"] = "b73bc156d24350d2daad0c2c0367e21048b773a53501a731500c412effe3565e",
        ["glft-pf equity.csv"] = "e92af040dd4d5bef05621f485b55c9b8de1f15d623f7123f46e966a32a4fbf43",
        ["obi summary.json"] = "66dd0ec6f090cb7ca3ce9dd44c3df436452706c32045c151a219de678ccfac7c",
        ["obi fills.csv"] = "27d1e36fbabaad3c0f86e924e19d72697c553d1e848ce98b463910549d1854c6",
        ["obi orders.csv"] = "893dcf40cc14a9bb9344bcb2902d317d1dbc84196b85b176a126290ec8e6595c",
        ["obi equity.csv"] = "e7610b7aa6917ccf2801e1f7b856adbb832b81520e8a939f3859db1fb9a6b269",
        ["obi-log summary.json"] = "e7773a82f1bedb78f76c5cc72f8671e0491989fcbc7eafad2e80fbf62643453a",
        ["obi-log fills.csv"] = "a85220571fab56ff6490b1d23338923d5f026c0bb8b08eccde8a7ddac5264b41",
        ["obi-log orders.csv"] = "854c0836cf75054865b95e8018fc4ae853c07d5d6536a5e67a4c2987e29f668d",
        ["obi-log equity.csv"] = "3b54c648c1ac74dd14f936f3df77093441ae92e170ce1ef5eb23b12a3815bc80",
        ["two summary.json"] = "b6bf7916b17438bc00036adf1eb4e43802860ebb9240069d8c1c1b18a2fc5489",
        ["two fills.csv"] = "8408a578007ed7f2f04e2e74158730fd482882ee97c9b2d47ad87da0de15ac33",
        ["two orders.csv"] = "e623ca565a542c9b5089a98969be525271ec996e7db363ea6fd873092f0b58b2",
        ["two equity.csv"] = "9fac6ab23eda0dec6c80a160f69436daf9a593dba9ba1b044d2751ec721cdd61",
        ["btc summary.json"] = "1e2aca2e2ec2d0468726b2321aa58135188efa55c0147a661787b5d2fc18d9ce",
        ["btc fills.csv"] = "42601816da82ce0dc7d058db567cd80f1e351a51c9cf5542f00eaf89038e2b02",
        ["btc orders.csv"] = "e461f5e5c7619df660b0b83325b105f05480ac915f00838f69c0e6785d328d6a",
        ["btc equity.csv"] = "b97d0cd9bd94970c7c54b7693c9dce24c49bedea464a87ba7cb366d18958c9bc",
    };

    private static IEnumerable<TestCaseData> Matrix()
    {
        yield return Case("sample", "sample.npz");
        foreach (var exchange in new[] { "no-partial-fill", "partial-fill" })
        foreach (var queue in new[] { "risk-averse", "power3", "log" })
            yield return Case($"grid-{exchange}-{queue}", "gen1m.npz", "--exchange", exchange, "--queue-model", queue);
        yield return Case("l3", "gen1m.npz", "--exchange", "l3");
        yield return Case("glft", "gen1m.npz", "--strategy", "glft", "--param", "window_steps=600", "--param", "calibrate_every=20");
        yield return Case("glft-pf", "gen1m.npz", "--strategy", "glft", "--exchange", "partial-fill", "--queue-model", "power3", "--param", "window_steps=600");
        yield return Case("obi", "gen1m.npz", "--strategy", "obi", "--param", "window=60", "--param", "half_spread=20", "--param", "c1=20");
        yield return Case("obi-log", "gen1m.npz", "--strategy", "obi", "--queue-model", "log", "--param", "window=60", "--param", "half_spread=20", "--param", "c1=20");
        yield return Case("two", "--config", "two.toml");
        yield return Case("btc", "btc.npz", "--symbol", "BTCUSDT", "--tick-size", "0.1", "--lot-size", "0.001", "--param", "order_qty=0.001",
            "--param", "relative_half_spread=0.00002", "--param", "relative_grid_interval=0.00001");
    }

    private static TestCaseData Case(string name, params string[] args) => new TestCaseData(name, args).SetName("Digests_match_before_the_port_" + name);

    [OneTimeSetUp]
    public void MakeData()
    {
        _dir = Directory.CreateTempSubdirectory("hft-digests-").FullName;
        // The sample as it was shipped before the port (the bundled one has since grown to 14 minutes).
        Engine("generate", "--out", Path.Combine(_dir, "sample.npz"), "--events", "300000", "--seed", "1");
        Engine("generate", "--out", Path.Combine(_dir, "gen1m.npz"), "--events", "1000000", "--seed", "7");
        Engine("generate", "--out", Path.Combine(_dir, "gen1m-b.npz"), "--events", "1000000", "--seed", "8");
        File.WriteAllText(Path.Combine(_dir, "two.toml"), """
            mode = "backtest"
            [[instruments]]
            symbol = "SIMUSDT"
            tick_size = 0.01
            lot_size = 0.01
            data = ["gen1m.npz"]
            [[instruments]]
            symbol = "SIMB"
            tick_size = 0.01
            lot_size = 0.01
            data = ["gen1m-b.npz"]
            [[strategies]]
            name = "grid0"
            kind = "grid"
            [[strategies]]
            name = "grid1"
            kind = "grid"
            [strategies.params]
            instrument = 1
            grid_num = 5

            """);
    }

    [OneTimeTearDown]
    public void RemoveData() => Directory.Delete(_dir, recursive: true);

    [TestCaseSource(nameof(Matrix))]
    public void Backtest_results_are_those_recorded_before_the_port(string name, string[] args)
    {
        if (name == "btc")
        {
            string btc = Path.Combine(_dir, "btc.npz");
            if (!File.Exists(btc)) Engine("convert", "binance-futures", BinanceRecordings.Require("usdm/btcusdt_20240808.gz"), "--out", btc);
        }
        string outDir = Path.Combine(_dir, "out", name);
        var run = EngineProcess.RunIn(_dir, ["backtest", .. args, "--out", Path.Combine("out", name)]);
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.Multiple(() =>
        {
            foreach (var file in Files)
            {
                // The data files' paths are the only thing of the machine in the output.
                string text = File.ReadAllText(Path.Combine(outDir, file)).Replace(_dir, "DATA", StringComparison.Ordinal);
                string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                Assert.That(digest, Is.EqualTo(Recorded[$"{name} {file}"]), $"{name}: {file}");
            }
        });
    }

    private void Engine(params string[] args)
    {
        var r = EngineProcess.RunIn(_dir, args);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
    }
}
