using System.Text.Json;
using System.Text.RegularExpressions;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges.Bybit;

/// <summary>Bybit's signing (exchange-protocols 3.4.1, 3.3.1) against the vectors in shared/fixtures/exchanges/bybit/signature-vector.txt.</summary>
public sealed partial class BybitSigningTests
{
    [GeneratedRegex(@"(?:X-BAPI-SIGN|signature)\s*=\s*([0-9a-f]{64})")]
    private static partial Regex SignatureLine();

    private static (string Key, HmacSigner Signer, List<string> Signatures) Vectors()
    {
        string text = ExchangeFixtures.Require("bybit/signature-vector.txt");
        string key = Regex.Match(text, @"^apiKey\s*=\s*(\S+)", RegexOptions.Multiline).Groups[1].Value;
        string secret = Regex.Match(text, @"^apiSecret\s*=\s*(\S+)", RegexOptions.Multiline).Groups[1].Value;
        Assert.That(key, Is.Not.Empty, "signature-vector.txt: no apiKey");
        Assert.That(secret, Is.Not.Empty, "signature-vector.txt: no apiSecret");
        var sigs = SignatureLine().Matches(text[text.IndexOf("## B.", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList();
        Assert.That(sigs, Has.Count.EqualTo(5), "B1..B5");
        return (key, new HmacSigner(secret), sigs);
    }

    [Test]
    public void Rest_vectors_reproduce_from_timestamp_key_window_and_the_exact_payload()
    {
        var (key, signer, sigs) = Vectors();
        Assert.That(signer.Sign(BybitSignature.RestStringToSign(1672219525810, key, 5000, "category=linear&symbol=BTCUSDT")), Is.EqualTo(sigs[0]), "B1");
        const string body = """{"category":"linear","symbol":"BTCUSDT","side":"Buy","positionIdx":0,"orderType":"Limit","qty":"0.001","price":"18900","timeInForce":"GTC"}""";
        Assert.That(signer.Sign(BybitSignature.RestStringToSign(1672211928338, key, 5000, body)), Is.EqualTo(sigs[1]), "B2");
        string spaced = body.Replace(",", ", ", StringComparison.Ordinal).Replace(":", ": ", StringComparison.Ordinal);
        Assert.That(signer.Sign(BybitSignature.RestStringToSign(1672211928338, key, 5000, spaced)), Is.EqualTo(sigs[2]), "B3: other bytes, other signature");
        Assert.That(sigs[2], Is.Not.EqualTo(sigs[1]));
        Assert.That(signer.Sign(BybitSignature.RestStringToSign(1658384314791, key, 5000, "category=option&symbol=BTC-29JUL22-25000-C")), Is.EqualTo(sigs[4]), "B5");
    }

    [Test]
    public void Stream_auth_vector_reproduces_and_the_frame_carries_key_expiry_and_signature()
    {
        var (key, signer, sigs) = Vectors();
        Assert.That(BybitSignature.AuthStringToSign(1711010121452), Is.EqualTo("GET/realtime1711010121452"));
        Assert.That(signer.Sign(BybitSignature.AuthStringToSign(1711010121452)), Is.EqualTo(sigs[3]), "B4");
        using var frame = JsonDocument.Parse(BybitSignature.AuthFrame(key, signer, 1711010121452));
        Assert.That(frame.RootElement.GetProperty("op").GetString(), Is.EqualTo("auth"));
        var args = frame.RootElement.GetProperty("args");
        Assert.That(args[0].GetString(), Is.EqualTo(key));
        Assert.That(args[1].GetInt64(), Is.EqualTo(1711010121452), "expires is a JSON number, as the docs send it");
        Assert.That(args[2].GetString(), Is.EqualTo(sigs[3]));
    }

    [Test]
    public void A_json_body_is_written_once_without_spaces_so_the_signed_text_is_the_sent_text()
    {
        string body = BybitRestTransport.Body(w =>
        {
            w.WriteString("category", "linear");
            w.WriteString("qty", "0.001");
            w.WriteNumber("positionIdx", 0);
        });
        Assert.That(body, Is.EqualTo("""{"category":"linear","qty":"0.001","positionIdx":0}"""));
    }
}
