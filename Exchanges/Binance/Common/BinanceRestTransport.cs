using System.Globalization;
using System.Net.Http.Headers;
using Hft.Exchanges.Common;
using Polly;
using Polly.Retry;

namespace Hft.Exchanges.Binance.Common;

/// <summary>
/// Binance's REST transport, shared by the futures and spot adapters: parameters in the query string, signed with
/// HMAC-SHA256 over exactly the text sent (<c>timestamp</c> and <c>recvWindow</c> added, the signature last), the key in
/// <c>X-MBX-APIKEY</c>, the server-time offset applied to <c>timestamp</c>, the rate-limit headers tracked, and retries
/// (Polly) only for calls that are safe to repeat.
/// </summary>
/// <remarks>Keys and signatures never appear in what it returns or logs: <see cref="BinanceResponse"/> holds the venue's answer only.</remarks>
public sealed class BinanceRestTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly HmacSigner? _signer;
    private readonly ResiliencePipeline<BinanceResponse> _safeRetries;
    private long _timeOffsetMs;
    private readonly CancellationTokenSource _ordersStopped = new();

    /// <summary>A transport to <paramref name="baseUrl"/>; <paramref name="apiKey"/> and <paramref name="apiSecret"/> may be null for public calls only.</summary>
    /// <param name="baseUrl">REST base URL.</param>
    /// <param name="apiKey">API key, or null.</param>
    /// <param name="apiSecret">API secret, or null.</param>
    /// <param name="limits">The rate-limit state to keep.</param>
    /// <param name="timeout">Per-request time-out (default 10 s).</param>
    /// <param name="recvWindowMs"><c>recvWindow</c> of signed calls.</param>
    /// <param name="handler">The HTTP handler (default: sockets); a bench puts one that answers in process.</param>
    public BinanceRestTransport(Uri baseUrl, string? apiKey, string? apiSecret, BinanceRateLimits limits, TimeSpan? timeout = null, long recvWindowMs = 5000,
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
        _safeRetries = new ResiliencePipelineBuilder<BinanceResponse>()
            .AddRetry(new RetryStrategyOptions<BinanceResponse>
            {
                // Unknown outcomes and 429s of reads and cancels: asking again cannot do anything twice (after a 429 the
                // next attempt waits for Retry-After first).
                ShouldHandle = new PredicateBuilder<BinanceResponse>().HandleResult(r => r.Outcome is RestOutcome.Unknown or RestOutcome.RateLimited),
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
    }

    /// <summary>The rate-limit state.</summary>
    public BinanceRateLimits Limits { get; }

    /// <summary><c>recvWindow</c> sent with signed calls, ms.</summary>
    public long RecvWindowMs { get; }

    /// <summary>Server time minus local time, ms (see <see cref="SetServerTime"/>).</summary>
    public long TimeOffsetMs => Interlocked.Read(ref _timeOffsetMs);

    /// <summary>Local wall time in ms, as the timestamps are made from.</summary>
    public static long LocalNowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>
    /// Sends no more orders: those still waiting for the rate limit are answered as not sent (a session that stops must
    /// not place an order after it cancelled everything); cancels and reads go on.
    /// </summary>
    public void StopOrders() => _ordersStopped.Cancel();

    /// <summary>Records the server's time, read at local time <paramref name="localMidpointMs"/> (halfway through the call).</summary>
    public void SetServerTime(long serverTimeMs, long localMidpointMs) => Interlocked.Exchange(ref _timeOffsetMs, serverTimeMs - localMidpointMs);

    /// <summary>Waits until a request may be sent (the rate limits, a 429's Retry-After); false if the IP is banned.</summary>
    public async Task<bool> WaitUntilSendable(bool isOrder, CancellationToken cancel = default)
    {
        try
        {
            TimeSpan wait;
            while ((wait = Limits.DelayBeforeSend(LocalNowMs(), isOrder)) > TimeSpan.Zero) await Task.Delay(wait, cancel).ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the server time at <paramref name="path"/> (<c>{"serverTime":ms}</c>) and sets <see cref="TimeOffsetMs"/>. Each
    /// attempt is timed on its own, after any wait for the rate limit, so a retried call does not skew the offset.
    /// </summary>
    public async Task<BinanceResponse> SyncServerTime(string path)
    {
        BinanceResponse r = BinanceResponse.NoResponse("not asked");
        long before = 0, after = 0;
        for (int attempt = 0; attempt < 6; attempt++)
        {
            if (!await WaitUntilSendable(isOrder: false).ConfigureAwait(false)) break;
            before = LocalNowMs();
            r = await Send(HttpMethod.Get, path, "", BinanceSecurity.None, isOrder: false, safeToRepeat: false).ConfigureAwait(false);
            after = LocalNowMs();
            if (r.Outcome is not (RestOutcome.RateLimited or RestOutcome.Unknown)) break;
        }
        if (!r.IsOk) return r;
        using var doc = r.Json();
        SetServerTime(JsonFields.Int64(doc.RootElement, "serverTime"), (before + after) / 2);
        return r;
    }

    /// <summary>
    /// Sends one request. <paramref name="safeToRepeat"/> allows retries of an unknown outcome (reads, cancels); an order
    /// is never sent twice by this transport.
    /// </summary>
    public async Task<BinanceResponse> Send(HttpMethod method, string path, string query, BinanceSecurity security,
        bool isOrder, bool safeToRepeat, CancellationToken cancel = default)
    {
        if (!safeToRepeat) return await SendOnce(method, path, query, security, isOrder, cancel).ConfigureAwait(false);
        return await _safeRetries.ExecuteAsync(
            async token => await SendOnce(method, path, query, security, isOrder, token).ConfigureAwait(false), cancel).ConfigureAwait(false);
    }

    private async Task<BinanceResponse> SendOnce(HttpMethod method, string path, string query, BinanceSecurity security, bool isOrder, CancellationToken cancel)
    {
        TimeSpan wait;
        var notSent = new BinanceResponse(RestOutcome.Rejected, 0, "", 0, "not sent: the session is stopping");
        try
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancel, isOrder ? _ordersStopped.Token : CancellationToken.None);
            while ((wait = Limits.DelayBeforeSend(LocalNowMs(), isOrder)) > TimeSpan.Zero)
                await Task.Delay(wait, waiting.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException banned)
        {
            return new BinanceResponse(RestOutcome.Banned, 0, "", 0, banned.Message);
        }
        catch (OperationCanceledException) when (_ordersStopped.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            return notSent;
        }
        if (isOrder && _ordersStopped.IsCancellationRequested) return notSent;
        string text = security == BinanceSecurity.Signed ? Sign(query) : query;
        using var request = new HttpRequestMessage(method, text.Length == 0 ? path : path + "?" + text);
        if (security != BinanceSecurity.None)
        {
            if (string.IsNullOrEmpty(_apiKey)) return new BinanceResponse(RestOutcome.Rejected, 0, "", 0, "no API key configured for this venue");
            request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", _apiKey);
        }
        try
        {
            using var response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            Limits.OnResponse(LocalNowMs(), (int)response.StatusCode, response.Headers);
            return BinanceResponse.From((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return BinanceResponse.NoResponse($"no answer within {_http.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return BinanceResponse.NoResponse($"{method} {path}: {e.Message}");
        }
    }

    /// <summary>The signed query: <paramref name="query"/>, then <c>recvWindow</c>, <c>timestamp</c> and the signature of all that.</summary>
    public string Sign(string query)
    {
        if (_signer is null) throw new InvalidOperationException("no API secret configured for this venue");
        long timestamp = LocalNowMs() + TimeOffsetMs;
        string unsigned = (query.Length == 0 ? "" : query + "&") + "recvWindow=" + RecvWindowMs.ToString(CultureInfo.InvariantCulture)
            + "&timestamp=" + timestamp.ToString(CultureInfo.InvariantCulture);
        return unsigned + "&signature=" + _signer.Sign(unsigned);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ordersStopped.Dispose();
        _http.Dispose();
    }
}
