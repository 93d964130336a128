namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>What a gateway's reconciliations found, for the summary and the report (written on the core loop).</summary>
public sealed class ReconciliationCounts
{
    /// <summary>Reconciliations finished (a confirming second look is part of the one it confirms).</summary>
    public long Runs { get; internal set; }

    /// <summary>Reconciliations that could not be completed (the venue could not be asked): trading halted.</summary>
    public long Failures { get; internal set; }

    /// <summary>Orders found on the venue under our prefix that the engine did not know, taken over.</summary>
    public long Adopted { get; internal set; }

    /// <summary>Orders the engine thought open that had ended on the venue (filled, cancelled, never taken), resolved from the venue.</summary>
    public long Resolved { get; internal set; }

    /// <summary>Open orders on the venue that are not ours (another client id prefix): reported once each, left alone.</summary>
    public long UnknownOrders { get; internal set; }

    /// <summary>Confirmed position differences (each instrument of each reconciliation counts once).</summary>
    public long PositionDifferences { get; internal set; }

    /// <summary>Local positions set to the venue's.</summary>
    public long Adjusted { get; internal set; }

    private string? _haltReason;

    /// <summary>Why reconciliation halts trading now (a failure, or a difference under policy halt), or null; readable from any thread.</summary>
    public string? HaltReason
    {
        get => Volatile.Read(ref _haltReason);
        internal set => Volatile.Write(ref _haltReason, value);
    }

    /// <summary>What the last reconciliation found wrong, or null if it found everything equal.</summary>
    public string? LastProblem { get; internal set; }
}
