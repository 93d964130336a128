using System.Net;
using System.Net.Sockets;
using System.Text;
using Serilog;

namespace Hft.Engine.Metrics;

/// <summary>
/// The live session's HTTP endpoint on 127.0.0.1 (never another interface): <c>GET /metrics</c> in the Prometheus
/// text format, <c>GET /health</c> as JSON (HTTP 200 when healthy or degraded, 503 when critical). Each request takes
/// one snapshot from the session's loop; requests are answered one at a time.
/// </summary>
/// <remarks>
/// Served with <see cref="HttpListener"/> (in the runtime, as prometheus-net's own MetricServer is) rather than Kestrel:
/// two routes need no web framework, and the engine keeps no ASP.NET Core dependency.
/// </remarks>
internal sealed class MetricsEndpoint : IDisposable
{
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(2);
    private readonly HttpListener _listener = new();
    private readonly Func<TimeSpan, SessionSnapshot?> _snapshot;
    private readonly HealthCheck _health;
    private readonly SessionMetrics _metrics = new();
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    /// <summary>
    /// Starts serving on 127.0.0.1:<paramref name="port"/> (0: a free port, see <see cref="Port"/>); snapshots come from
    /// <paramref name="snapshot"/> (given a timeout; null if the loop did not answer).
    /// </summary>
    public MetricsEndpoint(int port, double staleFeedMs, Func<TimeSpan, SessionSnapshot?> snapshot, ILogger? log = null)
    {
        _snapshot = snapshot;
        _health = new HealthCheck(staleFeedMs);
        Port = port == 0 ? FreePort() : port;
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            // A configuration problem (the port is taken): reported as the user's error, before the session starts.
            throw new ArgumentException($"[metrics] port {Port}: cannot listen on 127.0.0.1:{Port}: {e.Message}", e);
        }
        Log = log;
        _serving = Task.Run(ServeAsync);
    }

    private ILogger? Log { get; }

    /// <summary>The port served on.</summary>
    public int Port { get; }

    /// <summary>The base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    // HttpListener cannot be given port 0: ask the OS for a free one and hand it over at once.
    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException e)
            {
                Log?.Warning("Metrics endpoint: {Problem}", e.Message);
                continue;
            }
            try
            {
                await AnswerAsync(context).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A scraper that hung up mid-answer must not end the endpoint.
                Log?.Debug("Metrics endpoint: request failed: {Problem}", e.Message);
                try
                {
                    context.Response.Abort();
                }
                catch (Exception)
                {
                    // Already gone.
                }
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        string path = request.Url?.AbsolutePath ?? "/";
        if (request.HttpMethod != "GET" || (path != "/metrics" && path != "/health"))
        {
            await WriteText(response, path is "/metrics" or "/health" ? 405 : 404, "text/plain; charset=utf-8",
                "GET /metrics (Prometheus text) or GET /health (JSON)\n").ConfigureAwait(false);
            return;
        }
        await _one.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            // The loop answers on its own thread; this thread only waits.
            var snapshot = await Task.Run(() => _snapshot(SnapshotTimeout)).ConfigureAwait(false);
            var health = _health.Judge(snapshot);
            if (path == "/health")
            {
                await WriteText(response, health.Status == Core.Health.HealthStatus.Critical ? 503 : 200, "application/json; charset=utf-8",
                    health.ToJson(snapshot?.Now ?? 0)).ConfigureAwait(false);
                return;
            }
            if (snapshot is null) _metrics.Unavailable();
            else _metrics.Update(snapshot, health);
            response.StatusCode = 200;
            response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            using var body = new MemoryStream();
            await _metrics.WriteAsync(body, _stop.Token).ConfigureAwait(false);
            response.ContentLength64 = body.Length;
            body.Position = 0;
            await body.CopyToAsync(response.OutputStream, _stop.Token).ConfigureAwait(false);
            response.Close();
        }
        finally
        {
            _one.Release();
        }
    }

    private static async Task WriteText(HttpListenerResponse response, int status, string type, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
            // Closed already.
        }
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Its failures were logged as they happened.
        }
        _stop.Dispose();
        _one.Dispose();
    }
}
