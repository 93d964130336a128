using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when the venue refused more than a set number of requests within a window.</summary>
public sealed class RejectRateBreaker(int maxRejects, long window) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "reject_rate";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        int recent = inputs.Accounts.OrderFlow.RejectionsSince(inputs.Now - window);
        return recent > maxRejects
            ? string.Create(CultureInfo.InvariantCulture, $"{recent} venue rejections within {window / 1e6:0.#} ms (limit {maxRejects})")
            : null;
    }
}
