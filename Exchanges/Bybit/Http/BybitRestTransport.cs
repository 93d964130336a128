using System.Text;
using System.Text.Json;
using Hft.Exchanges.Common;
using Polly;
using Polly.Retry;

namespace Hft.Exchanges.Bybit.Http;

/// <summary>
/// Bybit v5's REST transport: GET parameters in the query string, POST parameters as a JSON body, signed calls carrying
/// <c>X-BAPI-API-KEY</c>, <c>X-BAPI-TIMESTAMP</c> (local time plus the server-time offset), <c>X-BAPI-RECV-WINDOW</c> and
/// <c>X-BAPI-SIGN</c> over exactly the text sent (<see cref="BybitSignature"/>); the budget headers tracked
/// (<see cref="BybitRateLimits"/>); and retries (Polly) only for calls that are safe to repeat (reads, cancels).
/// </summary>
/// <remarks>Keys and signatures never appear in what it returns: <see cref="BybitResponse"/> holds the venue's answer only.</remarks>
public sealed class BybitRestTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly HmacSigner? _signer;
    private readonly ResiliencePipeline<BybitResponse> _safeRetries;
    private readonly CancellationTokenSource _ordersStopped = new();
    private long _timeOffsetMs;

    /// <summary>A transport to <paramref name="baseUrl"/>; the key and secret may be null for public calls only.</summary>
    /// <param name="baseUrl">REST base URL.</param>
    /// <param name="apiKey">API key, or null.</param>
    /// <param name="apiSecret">API secret, or null.</param>
    /// <param name="limits">The budget state to keep.</param>
    /// <param name="recvWindowMs"><c>X-BAPI-RECV-WINDOW</c> of signed calls.</param>
    /// <param name="timeout">Per-request time-out (default 10 s).</param>
    /// <param name="handler">The HTTP handler (default: sockets).</param>
    public BybitRestTransport(Uri baseUrl, string? apiKey, string? apiSecret, BybitRateLimits limits, long recvWindowMs = 5000, TimeSpan? timeout = null,
        HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseUrl,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        _apiKey = apiKey;
        _signer = string.IsNullOrEmpty(apiSecret) ? null : new HmacSigner(apiSecret);
        Limits = limits;
        RecvWindowMs = recvWindowMs;
        _safeRetries = new ResiliencePipelineBuilder<BybitResponse>()
            .AddRetry(new RetryStrategyOptions<BybitResponse>
            {
                // A read or a cancel asked again cannot do anything twice; after a rate limit the next attempt waits for the reset.
                ShouldHandle = new PredicateBuilder<BybitResponse>().HandleResult(r => r.Outcome is RestOutcome.Unknown or RestOutcome.RateLimited),
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
    }

    /// <summary>The budget state.</summary>
    public BybitRateLimits Limits { get; }

    /// <summary><c>X-BAPI-RECV-WINDOW</c>, ms.</summary>
    public long RecvWindowMs { get; }

    /// <summary>Server time minus local time, ms.</summary>
    public long TimeOffsetMs => Interlocked.Read(ref _timeOffsetMs);

    /// <summary>The API key (for the streams' <c>auth</c>), or null.</summary>
    public string? ApiKey => _apiKey;

    /// <summary>The signer (for the streams' <c>auth</c>), or null without a secret.</summary>
    public HmacSigner? Signer => _signer;

    /// <summary>Local wall time in ms, as timestamps are made from.</summary>
    public static long LocalNowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>The venue's time now as far as we know, ms.</summary>
    public long ServerNowMs() => LocalNowMs() + TimeOffsetMs;

    /// <summary>Sends no more orders (those waiting for the budget are answered as not sent); cancels and reads go on.</summary>
    public void StopOrders() => _ordersStopped.Cancel();

    /// <summary>
    /// <c>GET /v5/market/time</c> and sets <see cref="TimeOffsetMs"/> from <c>timeNano</c>, each attempt timed on its own so a
    /// retried call does not skew the offset.
    /// </summary>
    public async Task<BybitResponse> SyncServerTime()
    {
        var r = BybitResponse.NoResponse("not asked");
        long before = 0, after = 0;
        for (int attempt = 0; attempt < 6; attempt++)
        {
            before = LocalNowMs();
            r = await SendOnce(HttpMethod.Get, "/v5/market/time", "", signed: false, isOrder: false, CancellationToken.None).ConfigureAwait(false);
            after = LocalNowMs();
            if (r.Outcome is not (RestOutcome.RateLimited or RestOutcome.Unknown)) break;
            await Task.Delay(100 << attempt).ConfigureAwait(false);
        }
        if (!r.IsOk) return r;
        using var doc = r.Json();
        var result = JsonFields.Object(doc.RootElement, "result");
        long serverMs = JsonFields.Int64(result, "timeNano") / 1_000_000;
        Interlocked.Exchange(ref _timeOffsetMs, serverMs - (before + after) / 2);
        return r;
    }

    /// <summary>A GET; <paramref name="query"/> is sent (and signed) exactly as given. Reads are retried when the outcome is unknown.</summary>
    public Task<BybitResponse> Get(string path, string query, bool signed, CancellationToken cancel = default) =>
        _safeRetries.ExecuteAsync(async token => await SendOnce(HttpMethod.Get, path, query, signed, isOrder: false, token).ConfigureAwait(false), cancel).AsTask();

    /// <summary>A signed POST of <paramref name="body"/> (sent and signed byte for byte). Only <paramref name="safeToRepeat"/> calls are retried.</summary>
    public async Task<BybitResponse> Post(string path, string body, bool isOrder, bool safeToRepeat, CancellationToken cancel = default)
    {
        if (!safeToRepeat) return await SendOnce(HttpMethod.Post, path, body, signed: true, isOrder, cancel).ConfigureAwait(false);
        return await _safeRetries.ExecuteAsync(
            async token => await SendOnce(HttpMethod.Post, path, body, signed: true, isOrder, token).ConfigureAwait(false), cancel).ConfigureAwait(false);
    }

    private async Task<BybitResponse> SendOnce(HttpMethod method, string path, string payload, bool signed, bool isOrder, CancellationToken cancel)
    {
        // A stop holds back new orders and amends still waiting for the rate limit; cancels (an order limit too on Bybit) go out.
        bool heldAtStop = isOrder && !path.EndsWith("/cancel", StringComparison.Ordinal);
        try
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancel, heldAtStop ? _ordersStopped.Token : CancellationToken.None);
            TimeSpan wait;
            while ((wait = Limits.DelayBeforeSend(path, LocalNowMs(), isOrder)) > TimeSpan.Zero) await Task.Delay(wait, waiting.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException banned)
        {
            return BybitResponse.NotSent(RestOutcome.Banned, banned.Message);
        }
        catch (OperationCanceledException) when (_ordersStopped.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            return BybitResponse.NotSent(RestOutcome.Rejected, "not sent: the session is stopping");
        }
        if (heldAtStop && _ordersStopped.IsCancellationRequested) return BybitResponse.NotSent(RestOutcome.Rejected, "not sent: the session is stopping");
        bool isGet = method == HttpMethod.Get;
        using var request = new HttpRequestMessage(method, isGet && payload.Length > 0 ? path + "?" + payload : path);
        if (!isGet) request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        if (signed)
        {
            if (string.IsNullOrEmpty(_apiKey) || _signer is null) return BybitResponse.NotSent(RestOutcome.Rejected, "no API key configured for this venue");
            long timestamp = ServerNowMs();
            request.Headers.TryAddWithoutValidation("X-BAPI-API-KEY", _apiKey);
            request.Headers.TryAddWithoutValidation("X-BAPI-TIMESTAMP", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("X-BAPI-RECV-WINDOW", RecvWindowMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("X-BAPI-SIGN-TYPE", "2");
            request.Headers.TryAddWithoutValidation("X-BAPI-SIGN", _signer.Sign(BybitSignature.RestStringToSign(timestamp, _apiKey, RecvWindowMs, payload)));
        }
        try
        {
            using var response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            var r = BybitResponse.From((int)response.StatusCode, body);
            Limits.OnResponse(path, LocalNowMs(), (int)response.StatusCode, r.RetCode, response.Headers);
            return r;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return BybitResponse.NoResponse($"no answer within {_http.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return BybitResponse.NoResponse($"{method} {path}: {e.Message}");
        }
    }

    /// <summary>Writes a JSON body once, so the text signed is the text sent.</summary>
    public static string Body(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ordersStopped.Dispose();
        _http.Dispose();
    }
}
