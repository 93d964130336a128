namespace Hft.Core.Health;

/// <summary>
/// Health reasons that components outside the session's own statistics raise and clear, from any thread: e.g.
/// reconciliation calls <see cref="Raise"/> with <see cref="HealthReasons.ReconciliationFailed"/> when the venue
/// disagrees and <see cref="Clear"/> once it agrees again. <c>/health</c> reports every raised reason.
/// </summary>
public sealed class HealthSignals
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HealthReason> _raised = new(StringComparer.Ordinal);

    /// <summary>Raises (or replaces) the reason with <paramref name="code"/>.</summary>
    public void Raise(string code, string detail, HealthStatus severity = HealthStatus.Critical)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (severity == HealthStatus.Healthy) throw new ArgumentException("a raised reason is degraded or critical", nameof(severity));
        lock (_gate) _raised[code] = new HealthReason(code, detail, severity);
    }

    /// <summary>Clears the reason with <paramref name="code"/>, if raised.</summary>
    public void Clear(string code)
    {
        lock (_gate) _raised.Remove(code);
    }

    /// <summary>Reconciliation failed: <paramref name="detail"/> says what disagreed (critical until <see cref="ReconciliationSucceeded"/>).</summary>
    public void ReconciliationFailed(string detail) => Raise(HealthReasons.ReconciliationFailed, detail);

    /// <summary>Reconciliation found the engine and the venue in agreement: clears <see cref="HealthReasons.ReconciliationFailed"/>.</summary>
    public void ReconciliationSucceeded() => Clear(HealthReasons.ReconciliationFailed);

    /// <summary>The reasons raised now, by code.</summary>
    public IReadOnlyList<HealthReason> Current
    {
        get
        {
            lock (_gate) return _raised.Values.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray();
        }
    }
}
