namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>What reconciliation does when the venue's positions differ from the engine's (after every order was resolved).</summary>
public enum ReconciliationPolicy
{
    /// <summary>Log and report the difference; trading goes on with the engine's own figures.</summary>
    Warn,
    /// <summary>Set the engine's position to the venue's (journaled), log and report it; trading goes on.</summary>
    Adjust,
    /// <summary>Log, report and halt trading (cancels still pass) until a later reconciliation finds everything equal.</summary>
    Halt,
}
