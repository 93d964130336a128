using System.Text;
using System.Text.Json;
using Hft.Core.Health;

namespace Hft.Engine.Metrics;

/// <summary>What <c>/health</c> answers: the worst severity among the reasons, and the reasons.</summary>
internal sealed record HealthReport(HealthStatus Status, IReadOnlyList<HealthReason> Reasons)
{
    /// <summary>The status's name in the JSON: <c>healthy</c>, <c>degraded</c> or <c>critical</c>.</summary>
    public static string NameOf(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "critical",
    };

    /// <summary>
    /// <c>{"status":"degraded","reasons":[{"code":"feed_stale","severity":"degraded","detail":"..."}]}</c>, with the loop
    /// time it was judged at (<c>time_ns</c>).
    /// </summary>
    public string ToJson(long timeNs)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("status", NameOf(Status));
            w.WriteNumber("time_ns", timeNs);
            w.WriteStartArray("reasons");
            foreach (var r in Reasons)
            {
                w.WriteStartObject();
                w.WriteString("code", r.Code);
                w.WriteString("severity", NameOf(r.Severity));
                w.WriteString("detail", r.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
