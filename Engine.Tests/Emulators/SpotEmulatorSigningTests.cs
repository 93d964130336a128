using System.Text.Json;
using Hft.Engine.Tests.Conversion;

namespace Hft.Engine.Tests.Emulators;

/// <summary>The spot emulator's signature and timing checks against the published vectors (signature-vector.txt).</summary>
[TestFixture]
[NonParallelizable]
public sealed class SpotEmulatorSigningTests
{
    private const string VectorKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private const string VectorSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string Vector1 = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";

    private static Task<SpotEmulatorSession> VectorVenue(long pinnedMs) => SpotEmulatorSession.StartAsync(o => o with
    {
        ApiKey = VectorKey, ApiSecret = VectorSecret, Clock = new PinnedClock(pinnedMs),
    });

    [Test]
    public async Task RestVector1IsAcceptedAndOnlyTheSymbolIsRefused()
    {
        ExchangeFixtures.Require("binance-spot/signature-vector.txt");
        await using var s = await VectorVenue(1499827319559 + 100);
        var (status, body, _) = await s.SendAsync(HttpMethod.Post, $"/api/v3/order?{Vector1}&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((400, -1121)), body.ToString());
    }

    [Test]
    public async Task RestVector2WithAPercentEncodedSymbolIsAccepted()
    {
        ExchangeFixtures.Require("binance-spot/signature-vector.txt");
        await using var s = await VectorVenue(1499827319559 + 100);
        string query = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        var (_, body, _) = await s.SendAsync(HttpMethod.Post, $"/api/v3/order?{query}&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1121), body.ToString());
    }

    [Test]
    public async Task TamperedRequestIsRefusedWith1022()
    {
        await using var s = await VectorVenue(1499827319559 + 100);
        var (status, body, _) = await s.SendAsync(HttpMethod.Post, $"/api/v3/order?{Vector1.Replace("price=0.1", "price=0.2")}&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((400, -1022)));
    }

    [Test]
    public async Task StaleTimestampIsRefusedWith1021()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (_, body, _) = await s.SignedAsync(HttpMethod.Get, "/api/v3/account", "recvWindow=5000", SpotEmulatorSession.NowMs - 10_000);
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1021));
        var (_, ahead, _) = await s.SignedAsync(HttpMethod.Get, "/api/v3/account", "", SpotEmulatorSession.NowMs + 5_000);
        Assert.That(ahead.GetProperty("msg").GetString(), Does.Contain("ahead"));
    }

    [Test]
    public async Task MicrosecondTimestampAndDecimalRecvWindowAreAccepted()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (status, body, _) = await s.SignedAsync(HttpMethod.Get, "/api/v3/account", "recvWindow=6000.346", SpotEmulatorSession.NowMs * 1000);
        Assert.That(status, Is.EqualTo(200), body.ToString());
        var (_, tooLong, _) = await s.SignedAsync(HttpMethod.Get, "/api/v3/account", "recvWindow=60001");
        Assert.That(tooLong.GetProperty("code").GetInt32(), Is.EqualTo(-1131));
    }

    [Test]
    public async Task MissingOrWrongKeyIs2014Or2015()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var missing = await s.Http.GetAsync($"/api/v3/account?timestamp={SpotEmulatorSession.NowMs}&signature=00");
        Assert.That((int)missing.StatusCode, Is.EqualTo(401));
        Assert.That(JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32(), Is.EqualTo(-2014));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, $"/api/v3/account?timestamp={SpotEmulatorSession.NowMs}&signature=00");
        wrong.Headers.Add("X-MBX-APIKEY", "someone-else");
        var answer = await s.Http.SendAsync(wrong);
        Assert.That(JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32(), Is.EqualTo(-2015));
    }

    [Test]
    public async Task WsApiVector3SubscribesAsTheFixtureAnswers()
    {
        string expected = ExchangeFixtures.Require("binance-spot/ws-api-userDataStream-subscribe-response.json");
        await using var s = await VectorVenue(1747385641636 + 100);
        var ws = await s.ConnectAsync("/ws-api/v3");
        await SpotEmulatorSession.SendTextAsync(ws, $$$"""{"id":"d3df8a22-98ea-4fe0-9f4e-0fcea5d418b7","method":"userDataStream.subscribe.signature","params":{"apiKey":"{{{VectorKey}}}","timestamp":1747385641636,"signature":"681110a6057ad58657af22f5640fab9dd17418834cdfccdc81be8b0f7b2cde3e"}}""");
        var answer = await SpotEmulatorSession.ReceiveAsync(ws);
        Assert.That(answer.GetRawText(), Is.EqualTo(JsonDocument.Parse(expected).RootElement.GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", "")));
    }

    [Test]
    public async Task WsApiBadSignatureIsRefused()
    {
        await using var s = await VectorVenue(1747385641636 + 100);
        var ws = await s.ConnectAsync("/ws-api/v3");
        await SpotEmulatorSession.SendTextAsync(ws, $$$"""{"id":7,"method":"userDataStream.subscribe.signature","params":{"apiKey":"{{{VectorKey}}}","timestamp":1747385641637,"signature":"681110a6057ad58657af22f5640fab9dd17418834cdfccdc81be8b0f7b2cde3e"}}""");
        var answer = await SpotEmulatorSession.ReceiveAsync(ws);
        Assert.That(answer.GetProperty("id").GetInt32(), Is.EqualTo(7));
        Assert.That(answer.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That(answer.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-1022));
    }
}
