using System.Text.Json;

namespace Hft.Engine.Tests.Metrics;

/// <summary>Scrapes a metrics endpoint on 127.0.0.1: <c>/metrics</c> parsed strictly, <c>/health</c> as JSON with its HTTP status.</summary>
internal sealed class MetricsScraper(Uri address) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The body of the latest /metrics answer.</summary>
    public string LastMetrics { get; private set; } = "";

    /// <summary>GET /metrics: checks the status and content type, then parses the body.</summary>
    public async Task<PrometheusText> MetricsAsync()
    {
        using var response = await _http.GetAsync("metrics");
        string body = LastMetrics = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(response.Content.Headers.ContentType?.Parameters.Any(p => p.Name == "version" && p.Value == "0.0.4"), Is.True, "text format 0.0.4");
        return PrometheusText.Parse(body);
    }

    /// <summary>GET /health: the HTTP status and the JSON.</summary>
    public async Task<(int Status, JsonElement Body)> HealthAsync()
    {
        using var response = await _http.GetAsync("health");
        string body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Polls /health until its status is <paramref name="status"/>; returns the last answer and whether it matched.</summary>
    public async Task<(bool Reached, JsonElement Body)> WaitForHealthAsync(string status, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        JsonElement last = default;
        while (watch.Elapsed < timeout)
        {
            (_, last) = await HealthAsync();
            if (last.GetProperty("status").GetString() == status) return (true, last);
            await Task.Delay(100);
        }
        return (false, last);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
