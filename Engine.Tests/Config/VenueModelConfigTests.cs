using Hft.Backtest.Models.Latency;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Config;

/// <summary>The venue-model keys: per-operation latency, fee models, exchange model, spot contracts.</summary>
public sealed class VenueModelConfigTests : TempDirectoryTest
{
    private const string Base = "mode = \"backtest\"\n\n[[instruments]]\nsymbol = \"S\"\ntick_size = 0.01\nlot_size = 0.01\ncontract = \"spot\"\n\n[[strategies]]\nkind = \"grid\"\n\n";

    private EngineSettings Load(string extra)
    {
        string path = PathOf("c.toml");
        File.WriteAllText(path, Base + extra);
        return SettingsLoader.Load(path);
    }

    [Test]
    public void Per_operation_latency_binds_each_leg_with_defaults_from_entry_and_response()
    {
        var s = Load("[backtest.latency]\nmodel = \"per-operation\"\nentry_ms = 2\nresponse_ms = 3\ncancel_ms = 0.5\nfill_response_ms = 7\n");
        var p = s.Backtest.Latency.PerOperation!;
        Assert.That((p.SubmitMs, p.ModifyMs, p.CancelMs, p.SubmitResponseMs, p.ModifyResponseMs, p.CancelResponseMs, p.FillResponseMs),
            Is.EqualTo((2.0, 2.0, 0.5, 3.0, 3.0, 3.0, 7.0)));
        var model = BacktestCommand.CreateLatency(s.Backtest.Latency);
        Assert.That(model, Is.EqualTo(new PerOperationLatency(2_000_000, 2_000_000, 500_000, 3_000_000, 3_000_000, 3_000_000, 7_000_000)));
    }

    [Test]
    public void Leg_keys_with_the_constant_model_are_reported_where_they_stand()
    {
        string path = PathOf("c.toml");
        File.WriteAllText(path, Base + "[backtest.latency]\nmodel = \"constant\"\ncancel_ms = 1\n");
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path))!;
        Assert.That(e.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            $"{path}:14:13: backtest.latency.cancel_ms: only used with model = \"per-operation\"",
        }));
    }

    [Test]
    public void Fee_exchange_and_contract_models_bind_and_print_back()
    {
        var s = Load("[backtest.fees]\nmodel = \"flat-per-trade\"\nmaker = 0.02\ntaker = 1.5\n\n[backtest.exchange]\nmodel = \"partial-fill\"\n");
        Assert.That(s.Backtest.Fees, Is.EqualTo(new FeeSettings(0.02, 1.5, "flat-per-trade")));
        Assert.That(s.Backtest.Exchange, Is.EqualTo("partial-fill"));
        Assert.That(s.Instruments[0].Contract, Is.EqualTo(Hft.Core.Markets.ContractKind.Spot));
        string printed = SettingsWriter.Write(s);
        Assert.That(printed, Does.Contain("model = \"flat-per-trade\"").And.Contain("model = \"partial-fill\"").And.Contain("contract = \"spot\""));
    }

    [Test]
    public void Quantity_fees_bind_as_amounts_per_unit_and_default_to_zero()
    {
        var s = Load("[backtest.fees]\nmodel = \"trading-qty\"\ntaker = 2.5\n");
        Assert.That(s.Backtest.Fees, Is.EqualTo(new FeeSettings(0, 2.5, "trading-qty")), "2.5 would be refused as a rate of value");
        Assert.That(SettingsWriter.Write(s), Does.Contain("model = \"trading-qty\""));
        Assert.That(BacktestCommand.Resolve("--config", PathOf("c.toml")).Backtest.Fees, Is.EqualTo(new FeeSettings(0, 2.5, "trading-qty")),
            "the command line's default rates do not override the file");
    }

    [Test]
    public void Fee_model_option_selects_the_model_and_its_amounts()
    {
        Assert.That(BacktestCommand.Resolve("x.npz", "--fee-model", "trading-qty", "--taker-fee", "0.3").Backtest.Fees,
            Is.EqualTo(new FeeSettings(0, 0.3, "trading-qty")), "a maker fee not given is 0, not the default rate of value");
        Assert.That(BacktestCommand.Resolve("x.npz", "--fee-model", "flat-per-trade", "--maker-fee", "1", "--taker-fee", "2").Backtest.Fees,
            Is.EqualTo(new FeeSettings(1, 2, "flat-per-trade")));
        Assert.That(BacktestCommand.Resolve("x.npz").Backtest.Fees, Is.EqualTo(new FeeSettings(-0.00005, 0.0007, "trading-value")));
        var e = Assert.Throws<ArgumentException>(() => BacktestCommand.Resolve("x.npz", "--fee-model", "qty"))!;
        Assert.That(e.Message, Does.StartWith("--fee-model: unknown fee model 'qty'"));
    }

    [Test]
    public void On_data_error_binds_is_printed_only_when_not_the_default_and_the_option_overrides_it()
    {
        var s = Load("[backtest]\non_data_error = \"skip\"\n");
        Assert.That(s.Backtest.OnDataError, Is.EqualTo(Hft.Backtest.Data.Validation.DataErrorPolicy.Skip));
        Assert.That(SettingsWriter.Write(s), Does.Contain("on_data_error = \"skip\""));
        Assert.That(BacktestCommand.Resolve("--config", PathOf("c.toml"), "--on-data-error", "stop").Backtest.OnDataError,
            Is.EqualTo(Hft.Backtest.Data.Validation.DataErrorPolicy.Stop));
        Assert.That(SettingsWriter.Write(Load("")), Does.Not.Contain("on_data_error"), "the default adds nothing to existing runs' configuration");
        string path = PathOf("c.toml");
        File.WriteAllText(path, Base + "[backtest]\non_data_error = \"skp\"\n");
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path))!;
        Assert.That(e.Message, Does.Contain("backtest.on_data_error: expected").And.Contain("did you mean 'skip'"));
        Assert.That(() => BacktestCommand.Resolve("x.npz", "--on-data-error", "ignore"), Throws.ArgumentException.With.Message.EqualTo("--on-data-error: expected stop or skip, got 'ignore'"));
    }

    [Test]
    public void An_unknown_exchange_model_suggests_the_closest()
    {
        string path = PathOf("c.toml");
        File.WriteAllText(path, Base + "[backtest.exchange]\nmodel = \"partial-fil\"\n");
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path))!;
        Assert.That(e.Message, Does.Contain("backtest.exchange.model: expected").And.Contain("(did you mean 'partial-fill'?)"));
    }
}
