using Hft.Core.Strategies;
using Hft.Engine.Config;
using Hft.Engine.Plugins;

namespace Hft.Engine.Live;

/// <summary>
/// Hot swap of a running session's strategies: reads the config file again with the plugins folder loaded afresh (a
/// new load context, so a rebuilt plugin is the new build), makes each named strategy from its new
/// <c>[[strategies]]</c> entry, and has the session replace the running one. A registry no strategy uses any more is
/// unloaded, so the old build's load context can be collected. A config or plugin that does not load leaves the
/// running strategies as they are. One reload at a time (any thread).
/// </summary>
internal sealed class StrategyReload : IDisposable
{
    private static readonly TimeSpan ReplaceTimeout = TimeSpan.FromSeconds(30);
    private readonly string _config;
    private readonly string? _pluginsOverride;
    private readonly IReadOnlyList<string> _names;
    private readonly Func<Strategy>?[] _slots;
    private readonly StrategyRegistry?[] _registryOf;
    private readonly bool _cancelOpenOrders;
    private readonly Serilog.ILogger _log;
    private readonly object _gate = new();
    private LiveSession? _session;

    /// <summary>
    /// Reloads of the strategies <paramref name="names"/> of <paramref name="config"/>, whose factories sit in
    /// <paramref name="slots"/> (the session makes each strategy through its slot); <paramref name="registry"/> made
    /// the first ones (disposed here once unused; the built-ins never are).
    /// </summary>
    public StrategyReload(string config, string? pluginsOverride, IReadOnlyList<string> names, Func<Strategy>?[] slots, StrategyRegistry registry,
        bool cancelOpenOrders, Serilog.ILogger log)
    {
        _config = config;
        _pluginsOverride = pluginsOverride;
        _names = names;
        _slots = slots;
        _registryOf = names.Select(_ => (StrategyRegistry?)registry).ToArray();
        _cancelOpenOrders = cancelOpenOrders;
        _log = log;
    }

    /// <summary>The configuration file read again at each reload.</summary>
    public string ConfigPath => _config;

    /// <summary>Reloads go to <paramref name="session"/> from now on.</summary>
    public void Attach(LiveSession session) => _session = session;

    /// <summary>Replaces the strategy <paramref name="name"/>, or every strategy when null; returns how many were replaced.</summary>
    public int Apply(string? name, string why)
    {
        lock (_gate)
        {
            if (_session is not { } session) return 0;
            if (name is not null && !_names.Contains(name, StringComparer.Ordinal))
            {
                _log.Error("Reload ({Why}): no strategy named {Name} runs in this session (strategies: {Names})", why, name, string.Join(", ", _names));
                return 0;
            }
            StrategyRegistry? registry = null;
            EngineSettings settings;
            try
            {
                settings = SettingsLoader.Load(_config, pluginsDirectory: _pluginsOverride,
                    registries: dir => registry = dir is null ? StrategyRegistry.BuiltIn : StrategyRegistry.Load(dir));
            }
            catch (Exception e) when (e is ConfigException or IOException or ArgumentException or UnauthorizedAccessException)
            {
                _log.Error("Reload ({Why}) refused, the strategies run on unchanged: {Problem}", why, e.Message);
                Release(registry);
                return 0;
            }
            registry ??= StrategyRegistry.BuiltIn;
            foreach (var problem in registry.Problems) _log.Warning("Plugin not loaded: {Problem}", problem.ToString());
            int replaced = 0;
            for (int k = 0; k < _names.Count; k++)
            {
                if (name is not null && _names[k] != name) continue;
                var entry = settings.Strategies.FirstOrDefault(s => s.Name == _names[k]);
                if (entry is null)
                {
                    _log.Error("Reload ({Why}): strategy {Name} is no longer in {Config}; it runs on unchanged", why, _names[k], _config);
                    continue;
                }
                Func<Strategy> factory;
                try
                {
                    factory = registry.Resolve(entry.Kind, entry.ToParameters());
                }
                catch (Exception e) when (e is ArgumentException or FormatException)
                {
                    _log.Error("Reload ({Why}): strategy {Name} could not be made, it runs on unchanged: {Problem}", why, _names[k], e.Message);
                    continue;
                }
                var previous = _slots[k];
                _slots[k] = factory;
                int slot = k;
                var answer = session.ReplaceStrategyAsync(_names[k], () => _slots[slot]!(), _cancelOpenOrders, ReplaceTimeout).GetAwaiter().GetResult();
                if (answer.Error is not null)
                {
                    _slots[k] = previous;
                    _log.Error("Reload ({Why}): strategy {Name} was not replaced: {Problem}", why, _names[k], answer.Error);
                    continue;
                }
                var source = registry.Find(entry.Kind)?.Source ?? entry.Kind;
                _log.Information("Strategy {Name} replaced by {Kind} from {Source} ({Why}): {Cancelled} open order(s) cancelled, {HandedOver} handed over",
                    _names[k], entry.Kind, source, why, answer.Cancelled, answer.HandedOver);
                var old = _registryOf[k];
                _registryOf[k] = registry;
                if (old is not null && !_registryOf.Contains(old)) Release(old);
                replaced++;
            }
            if (!_registryOf.Contains(registry)) Release(registry);
            return replaced;
        }
    }

    private static void Release(StrategyRegistry? registry)
    {
        if (registry is not null && !ReferenceEquals(registry, StrategyRegistry.BuiltIn)) registry.Dispose();
    }

    /// <summary>Unloads the registries still in use (the session has stopped).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var registry in _registryOf.Distinct()) Release(registry);
        }
    }
}
