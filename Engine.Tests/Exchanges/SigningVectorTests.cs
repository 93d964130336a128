using System.Text.RegularExpressions;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>The venues' signing vectors (shared/fixtures/exchanges/*/signature-vector.txt) reproduce with our signer.</summary>
public sealed partial class SigningVectorTests
{
    [GeneratedRegex(@"^(\w+)\s*=\s*(\S.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Assignment();

    /// <summary>Every (payload, signature) pair of a vector file, in file order, with the file's secret.</summary>
    private static (string Secret, List<(string Payload, string Signature)> Pairs) Vectors(string file, string secretName)
    {
        string text = ExchangeFixtures.Require(file);
        string? secret = null, payload = null;
        var pairs = new List<(string, string)>();
        foreach (Match m in Assignment().Matches(text))
        {
            string key = m.Groups[1].Value, value = m.Groups[2].Value;
            if (key == secretName) secret ??= value;
            else if (key == "payload") payload = value;
            else if (key == "signature" && payload is not null)
            {
                // "[computed locally]" and similar notes follow some values.
                pairs.Add((payload, value.Split(' ')[0]));
                payload = null;
            }
        }
        Assert.That(secret, Is.Not.Null, $"{file}: no {secretName}");
        return (secret!, pairs);
    }

    [Test]
    public void Binance_futures_vectors_reproduce()
    {
        var (secret, pairs) = Vectors("binance-futures/signature-vector.txt", "secretKey");
        Assert.That(pairs, Has.Count.GreaterThanOrEqualTo(5));
        var signer = new HmacSigner(secret);
        foreach (var (payload, signature) in pairs)
        {
            Assert.That(signer.Sign(payload), Is.EqualTo(signature), payload);
            Assert.That(signer.Verify(payload, signature.ToUpperInvariant()), Is.True, "hex case does not matter");
        }
        // The published mixed-mode example only reproduces with its stray space (exchange-protocols 4.33).
        Assert.That(signer.Sign("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=9000&recvWindow=5000&timestamp= 1591702613943"),
            Is.EqualTo("f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2"));
    }

    [Test]
    public void Binance_spot_rest_vector_reproduces()
    {
        var (secret, pairs) = Vectors("binance-spot/signature-vector.txt", "secretKey");
        Assert.That(pairs, Is.Not.Empty);
        var signer = new HmacSigner(secret);
        Assert.That(signer.Sign("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"),
            Is.EqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"));
    }

    [Test]
    public void A_tampered_payload_does_not_verify()
    {
        var signer = new HmacSigner("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9");
        const string payload = "symbol=BTCUSDT&recvWindow=5000&timestamp=1591702613943";
        string good = signer.Sign(payload);
        Assert.That(signer.Verify(payload.Replace("5000", "6000"), good), Is.False);
        Assert.That(signer.Verify(payload, good[..^1]), Is.False);
        Assert.That(signer.Verify(payload, null), Is.False);
        Assert.That(signer.ToString(), Does.Not.Contain("2b5eb1"));
    }

    [Test]
    public void The_transport_signs_what_it_sends_with_the_signature_last()
    {
        const string secret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
        using var transport = new BinanceRestTransport(new Uri("http://127.0.0.1:1"), "key", secret, new BinanceRateLimits());
        string query = new BinanceQuery().Add("symbol", "BTCUSDT").Add("side", "BUY").ToString();
        string signed = transport.Sign(query);
        int at = signed.LastIndexOf("&signature=", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0));
        string unsigned = signed[..at];
        Assert.That(unsigned, Does.StartWith("symbol=BTCUSDT&side=BUY&recvWindow=5000&timestamp="));
        Assert.That(signed[(at + "&signature=".Length)..], Is.EqualTo(new HmacSigner(secret).Sign(unsigned)));
    }
}
