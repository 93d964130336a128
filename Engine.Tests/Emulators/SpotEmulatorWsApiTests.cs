using System.Globalization;

namespace Hft.Engine.Tests.Emulators;

/// <summary>The spot emulator's WebSocket API: user-data subscription lifetime and order entry with the sorted-params signature.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SpotEmulatorWsApiTests
{
    [Test]
    public async Task UnsubscribeEndsTheStreamWithEventStreamTerminated()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var ws = await s.UserDataAsync();
        await SpotEmulatorSession.SendTextAsync(ws, """{"id":"u1","method":"userDataStream.unsubscribe"}""");
        var terminated = await SpotEmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("event", out _));
        Assert.That(terminated.GetProperty("subscriptionId").GetInt32(), Is.EqualTo(0));
        Assert.That(terminated.GetProperty("event").GetProperty("e").GetString(), Is.EqualTo("eventStreamTerminated"));
    }

    [Test]
    public async Task OrderPlaceIsSignedOverSortedParams()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var ws = await s.ConnectAsync("/ws-api/v3");
        var (bid, _) = await s.TopAsync();
        string price = (bid - 50m).ToString("0.00", CultureInfo.InvariantCulture);
        long ts = SpotEmulatorSession.NowMs;
        string payload = $"apiKey={s.ApiKey}&price={price}&quantity=0.10&side=BUY&symbol=SIMUSDT&timeInForce=GTC&timestamp={ts}&type=LIMIT";
        await SpotEmulatorSession.SendTextAsync(ws, $$$"""{"id":"p1","method":"order.place","params":{"symbol":"SIMUSDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","quantity":"0.10","price":"{{{price}}}","timestamp":{{{ts}}},"apiKey":"{{{s.ApiKey}}}","signature":"{{{s.Signer.Sign(payload)}}}"}}""");
        var answer = await SpotEmulatorSession.ReceiveAsync(ws);
        Assert.That(answer.GetProperty("status").GetInt32(), Is.EqualTo(200), answer.ToString());
        Assert.That(answer.GetProperty("result").GetProperty("status").GetString(), Is.EqualTo("NEW"));
        Assert.That(answer.GetProperty("rateLimits").GetArrayLength(), Is.EqualTo(3));
    }
}
