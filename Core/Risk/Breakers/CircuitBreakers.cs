namespace Hft.Core.Risk.Breakers;

/// <summary>
/// The breakers of a run and what they did: on each check the first breaker whose condition holds trips (while none is
/// tripped), moving trading to the configured state; a tripped breaker lets trading resume after the cool-down once its
/// condition no longer holds, or on a reset command. Every trip and reset is kept, in order, for the report.
/// </summary>
public sealed class CircuitBreakers
{
    private readonly IReadOnlyList<ICircuitBreaker> _breakers;
    private readonly List<BreakerTrip> _trips = new();
    private ICircuitBreaker? _tripped;
    private long _trippedAt;

    /// <summary>The breakers <paramref name="settings"/> asks for, watching <paramref name="inputs"/>.</summary>
    public CircuitBreakers(BreakerSettings settings, BreakerInputs inputs)
    {
        Settings = settings;
        Inputs = inputs;
        _breakers = settings.Build();
    }

    /// <summary>The settings.</summary>
    public BreakerSettings Settings { get; }

    /// <summary>What they look at.</summary>
    public BreakerInputs Inputs { get; }

    /// <summary>True if any breaker is configured.</summary>
    public bool Any => _breakers.Count > 0;

    /// <summary>The configured breakers' names, in check order.</summary>
    public IEnumerable<string> Names => _breakers.Select(b => b.Name);

    /// <summary>The tripped breaker's name, or null.</summary>
    public string? Tripped => _tripped?.Name;

    /// <summary>Every trip and reset so far, in order.</summary>
    public IReadOnlyList<BreakerTrip> Trips => _trips;

    /// <summary>
    /// Looks at every condition at <paramref name="now"/>; returns the trip or reset this caused, or null if nothing changed.
    /// </summary>
    public BreakerTrip? Check(long now)
    {
        Inputs.Update(now);
        if (_tripped is { } tripped)
        {
            long cooldown = BreakerSettings.Nanos(Settings.CooldownMs);
            if (cooldown <= 0 || now - _trippedAt < cooldown || tripped.Check(Inputs) is not null) return null;
            return Reset(now, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tripped.Name} cleared after the {Settings.CooldownMs:0.#} ms cool-down"));
        }
        foreach (var breaker in _breakers)
        {
            if (breaker.Check(Inputs) is not { } why) continue;
            _tripped = breaker;
            _trippedAt = now;
            var trip = new BreakerTrip(now, breaker.Name, why, Settings.OnTrip);
            _trips.Add(trip);
            return trip;
        }
        return null;
    }

    /// <summary>Clears a trip on command; loss and drawdown count again from the equity now.</summary>
    public BreakerTrip? Reset(long now, string why = "reset by command")
    {
        if (_tripped is null) return null;
        _tripped = null;
        Inputs.Rebase();
        var reset = new BreakerTrip(now, "reset", why, TradingState.Active);
        _trips.Add(reset);
        return reset;
    }
}
