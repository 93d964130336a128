using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Config.Toml;
using Hft.Engine.Tests.Data;
using Tomlyn.Model;

namespace Hft.Engine.Tests.Config;

/// <summary>
/// The text of resolved settings, which reaches <c>check</c>'s output and every report's configuration table
/// (and so the digests of summary.json): it is what the engine printed before it read TOML with Tomlyn.
/// </summary>
public sealed class ResolvedSettingsTextTests : TempDirectoryTest
{
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NegativeInfinity, "-inf")]
    [TestCase(double.NaN, "nan")]
    [TestCase(1.0, "1.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(-5e-05, "-5E-05")]
    [TestCase(0.0007, "0.0007")]
    [TestCase(1e20, "1E+20")]
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    public void Floats_read_as_they_always_have(double value, string text) => Assert.That(TomlValueText.Format(value), Is.EqualTo(text));

    [TestCase("plain", "\"plain\"")]
    [TestCase("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [TestCase("tab\there\nline", "\"tab\\there\\nline\"")]
    [TestCase("\u0001\u007f", "\"\\u0001\\u007F\"")]
    [TestCase("café \U0001F600", "\"café \U0001F600\"")]
    public void Strings_are_basic_strings_with_escapes(string value, string text) => Assert.That(TomlValueText.Format(value), Is.EqualTo(text));

    [Test]
    public void Arrays_keys_and_sections_are_laid_out_in_model_order()
    {
        var root = new TomlTable { ["mode"] = "backtest", ["n"] = 5L };
        var items = new TomlTableArray { new TomlTable { ["a b"] = new TomlArray { "x", "y" } }, new TomlTable { ["flag"] = true } };
        root["items"] = items;
        root["nested"] = new TomlTable { ["inner"] = new TomlTable { ["k"] = 1.5 } };
        root["empty"] = new TomlTable();
        Assert.That(TomlDocumentText.Write(root), Is.EqualTo(
            "mode = \"backtest\"\nn = 5\n\n[[items]]\n\"a b\" = [\"x\", \"y\"]\n\n[[items]]\nflag = true\n\n[nested.inner]\nk = 1.5\n\n[empty]\n"));
    }

    [Test]
    public void Report_pairs_give_unlimited_risk_as_inf_and_paths_as_strings()
    {
        string path = PathOf("c.toml");
        File.WriteAllText(path, "mode = \"backtest\"\n[[instruments]]\nsymbol = \"S\"\ntick_size = 0.5\nlot_size = 1\ndata = [\"a.npz\"]\n" +
                                "[[strategies]]\nkind = \"grid\"\n[strategies.params]\ngrid_num = 5\n");
        var pairs = BacktestCommand.ConfigurationPairs(SettingsLoader.Load(path)).ToDictionary(p => p.Key, p => p.Value);
        Assert.Multiple(() =>
        {
            Assert.That(pairs["risk.max_order_qty"], Is.EqualTo("inf"));
            Assert.That(pairs["instruments[0].tick_size"], Is.EqualTo("0.5"));
            Assert.That(pairs["instruments[0].lot_size"], Is.EqualTo("1.0"));
            Assert.That(pairs["instruments[0].data"], Is.EqualTo($"[\"{PathOf("a.npz")}\"]"));
            Assert.That(pairs["strategies[0].params.grid_num"], Is.EqualTo("\"5\""));
            Assert.That(pairs["backtest.fees.maker"], Is.EqualTo("-5E-05"));
            Assert.That(pairs.Keys, Does.Not.Contain("output.dir"));
        });
    }
}
