using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges.Bybit;

/// <summary>Bybit answers business errors with HTTP 200 and a retCode (exchange-protocols 3.4.2): the outcome comes from the envelope first.</summary>
public sealed class BybitResponseTests
{
    [TestCase(200, """{"retCode":0,"retMsg":"OK","result":{},"retExtInfo":{},"time":1}""", RestOutcome.Ok, 0)]
    [TestCase(200, """{"retCode":110001,"retMsg":"order not exists or too late to cancel","result":{},"retExtInfo":{},"time":1}""", RestOutcome.Rejected, 110001)]
    [TestCase(200, """{"retCode":10004,"retMsg":"error sign!","result":{},"retExtInfo":{},"time":1}""", RestOutcome.Rejected, 10004)]
    [TestCase(200, """{"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":1}""", RestOutcome.RateLimited, 10006)]
    [TestCase(200, """{"retCode":10016,"retMsg":"Server error","result":{},"retExtInfo":{},"time":1}""", RestOutcome.Unknown, 10016)]
    [TestCase(403, "access too frequent", RestOutcome.Banned, 0)]
    [TestCase(429, "", RestOutcome.RateLimited, 0)]
    [TestCase(502, "<html>bad gateway</html>", RestOutcome.Unknown, 0)]
    [TestCase(200, "<html>a proxy page</html>", RestOutcome.Unknown, 0)]
    [TestCase(404, "", RestOutcome.Rejected, 0)]
    public void Classifies_by_envelope_then_status(int status, string body, RestOutcome outcome, int code)
    {
        var r = BybitResponse.From(status, body);
        Assert.That(r.Outcome, Is.EqualTo(outcome));
        Assert.That(r.RetCode, Is.EqualTo(code));
        if (outcome != RestOutcome.Ok) Assert.That(r.Describe(), Is.Not.Empty, "a refusal says why");
    }

    [Test]
    public void Describe_names_the_code_and_the_venue_message()
    {
        var r = BybitResponse.From(200, """{"retCode":110072,"retMsg":"OrderLinkedID is duplicate","result":{},"retExtInfo":{},"time":1}""");
        Assert.That(r.Describe(), Is.EqualTo("retCode 110072: OrderLinkedID is duplicate"));
    }

    [Test]
    public void A_signature_error_s_origin_string_with_the_api_key_is_withheld()
    {
        var r = BybitResponse.From(200, """{"retCode":10004,"retMsg":"error sign! origin_string[1672211928338my-secret-key-abc5000{\"category\":\"linear\"}]","result":{},"retExtInfo":{},"time":1}""");
        Assert.That(r.Outcome, Is.EqualTo(RestOutcome.Rejected));
        Assert.That(r.Describe(), Does.StartWith("retCode 10004: error sign!"));
        Assert.That(r.Describe(), Does.Not.Contain("my-secret-key-abc"));
    }
}
