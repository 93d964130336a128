using Hft.Backtest.Data;
using Hft.Backtest.Data.Validation;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Engine.Cli;
using Hft.Engine.Config;

namespace Hft.Engine.Sweeps;

/// <summary>
/// The data of a sweep, read once: every instrument's event files and starting snapshot in memory, checked once with
/// the configured data-error policy (rows the reference refuses are cut here, as a single backtest cuts them as it
/// goes), then lent read-only to every run at the same time.
/// </summary>
internal sealed class SharedEventData
{
    private readonly Feed[] _feeds;

    private SharedEventData(Feed[] feeds, SkippedRows? skipped)
    {
        _feeds = feeds;
        Skipped = skipped;
    }

    /// <summary>Rows over every instrument.</summary>
    public long TotalRows => _feeds.Sum(f => f.Files.Sum(rows => (long)rows.Length));

    /// <summary>What the check left out, when the policy is to skip bad rows (the same for every run).</summary>
    public SkippedRows? Skipped { get; }

    /// <summary>Reads and checks the data of <paramref name="settings"/>'s instruments.</summary>
    public static SharedEventData Load(EngineSettings settings)
    {
        var feeds = new Feed[settings.Instruments.Count];
        var validators = new MarketByOrderValidator[feeds.Length];
        for (int k = 0; k < feeds.Length; k++)
        {
            var i = settings.Instruments[k];
            MarketEvent[]? initial = i.InitialSnapshot is { } snapPath ? EventFileReader.ReadAll(snapPath) : null;
            var files = i.Data.Select(EventFileReader.ReadAll).ToArray();
            var names = i.Data.ToArray();
            var validator = new MarketByOrderValidator(settings.Backtest.OnDataError);
            if (initial is not null) validator.Seed(initial);
            // Drained once through the same check a backtest reads through, which changes skipped rows in place.
            using (var check = new ValidatedBlockSource(new SharedBlockSource(names, files), validator))
            {
                while (check.TryTake(out var block)) check.Release(block);
            }
            validators[k] = validator;
            feeds[k] = new Feed(names, files, initial);
        }
        var skipped = settings.Backtest.OnDataError == DataErrorPolicy.Skip ? new SkippedRows(settings.Instruments, validators) : null;
        return new SharedEventData(feeds, skipped);
    }

    /// <summary>Instrument setups whose data is this, for one run; <paramref name="instruments"/> in configuration order.</summary>
    public IReadOnlyList<InstrumentSetup> Setups(IReadOnlyList<Instrument> instruments)
    {
        if (instruments.Count != _feeds.Length) throw new ArgumentException($"expected {_feeds.Length} instruments, got {instruments.Count}");
        return _feeds.Select((f, k) => new InstrumentSetup(instruments[k], () => new SharedBlockSource(f.Names, f.Files), f.Initial)).ToArray();
    }

    private sealed record Feed(IReadOnlyList<string> Names, IReadOnlyList<MarketEvent[]> Files, MarketEvent[]? Initial);
}
