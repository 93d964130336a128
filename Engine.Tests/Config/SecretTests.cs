using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Config.Toml;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Config;

/// <summary>Credentials come from the environment and never appear in output, messages or printed objects.</summary>
public sealed class SecretTests : TempDirectoryTest
{
    private const string KeyValue = "AKIA-real-looking-key-0123456789";
    private const string SecretValue = "s3cr3t/with+symbols=and-length-48-xxxxxxxxxxxxxx";

    private static string LiveFile(string apiKey, string apiSecret) =>
        "mode = \"live\"\n\n[[venues]]\nkind = \"binance-futures\"\nrest_url = \"https://demo-fapi.binance.com\"\n" +
        "ws_url = \"wss://fstream.binancefuture.com\"\n" +
        $"api_key = {apiKey}\napi_secret = {apiSecret}\n\n" +
        "[[instruments]]\nsymbol = \"BTCUSDT\"\ntick_size = 0.1\nlot_size = 0.001\n\n[[strategies]]\nkind = \"idle\"\n";

    [Test]
    public void A_secret_prints_as_stars_everywhere()
    {
        var secret = new Secret(SecretValue);
        var credentials = new VenueCredentials(new Secret(KeyValue), secret);
        var venue = new BinanceVenueSettings("b", VenueKind.BinanceFutures, new Uri("https://a"), new Uri("wss://b"), null, credentials);
        Assert.Multiple(() =>
        {
            Assert.That(secret.ToString(), Is.EqualTo("***"));
            Assert.That($"{secret}", Is.EqualTo("***"));
            Assert.That(credentials.ToString(), Does.Not.Contain(SecretValue).And.Not.Contain(KeyValue));
            Assert.That(venue.ToString(), Does.Not.Contain(SecretValue).And.Not.Contain(KeyValue).And.Contain("***"));
            Assert.That(secret.Reveal(), Is.EqualTo(SecretValue));
        });
    }

    [Test]
    public void Secrets_are_read_from_the_process_environment_and_redacted_by_check()
    {
        using var env = new EnvironmentScope([new("HFT_TEST_KEY", KeyValue), new("HFT_TEST_SECRET", SecretValue)]);
        string path = PathOf("live.toml");
        File.WriteAllText(path, LiveFile("\"${HFT_TEST_KEY}\"", "\"${HFT_TEST_SECRET}\""));
        var settings = SettingsLoader.Load(path);
        var credentials = ((BinanceVenueSettings)settings.Venues[0]).Credentials!;
        Assert.That((credentials.ApiKey.Reveal(), credentials.ApiSecret.Reveal()), Is.EqualTo((KeyValue, SecretValue)));
        Assert.That(settings.ToString(), Does.Not.Contain(SecretValue).And.Not.Contain(KeyValue));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.That(CheckCommand.Run(path, stdout, stderr), Is.EqualTo(0), stderr.ToString());
        string text = stdout.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(SecretValue).And.Not.Contain(KeyValue));
            Assert.That(text, Does.Contain("api_key = \"***\"\napi_secret = \"***\"\n"));
        });
    }

    [Test]
    public void Secrets_written_into_the_file_are_redacted_too()
    {
        string path = PathOf("literal.toml");
        File.WriteAllText(path, LiveFile($"\"{KeyValue}\"", $"'{SecretValue}'"));
        var stdout = new StringWriter();
        Assert.That(CheckCommand.Run(path, stdout, new StringWriter()), Is.EqualTo(0));
        Assert.That(stdout.ToString(), Does.Not.Contain(SecretValue).And.Not.Contain(KeyValue));
    }

    [Test]
    public void Problems_with_a_secret_never_quote_it()
    {
        // A malformed reference, a key pasted as a number, and a secret in a table instead of a string.
        string path = PathOf("bad.toml");
        File.WriteAllText(path, LiveFile($"\"{KeyValue}${{oops\"", "{ value = \"" + SecretValue + "\" }").Replace("ws_url", "api_passphrase = 918273645546372819\nws_url"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.That(CheckCommand.Run(path, stdout, stderr), Is.EqualTo(1));
        var error = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Problems.Select(p => p.Message), Is.EqualTo(new[]
            {
                "venues[0].api_passphrase: unknown key for a binance-futures venue; known keys: api_key, api_secret, kind, name, rest_url, ws_url",
                "venues[0].api_key: '${' without a closing '}' (write '$${' for a literal '${')",
                "venues[0].api_secret: expected a string such as \"${ENV_VAR}\", found table",
            }));
            foreach (var shown in new[] { error.Message, stderr.ToString(), stdout.ToString() })
                Assert.That(shown, Does.Not.Contain(SecretValue).And.Not.Contain(KeyValue).And.Not.Contain("918273645546372819"));
        });
    }

    [Test]
    public void A_secret_given_as_a_number_is_not_echoed()
    {
        var root = ConfigDocument.Parse(LiveFile("918273645546372819", "\"s\""), "n.toml");
        var error = Assert.Throws<ConfigException>(() => SettingsBinder.Bind(root, "n.toml", Dir))!;
        Assert.That(error.Message, Is.EqualTo("n.toml:7:11: venues[0].api_key: expected a string such as \"${ENV_VAR}\", found integer"));
    }

    [Test]
    public void An_empty_environment_variable_is_an_empty_secret_and_a_problem()
    {
        var root = ConfigDocument.Parse(LiveFile("\"${K}\"", "\"${S}\""), "e.toml");
        var error = Assert.Throws<ConfigException>(() => SettingsBinder.Bind(root, "e.toml", Dir, name => name == "K" ? "" : "value"))!;
        Assert.That(error.Message, Is.EqualTo("e.toml:7:11: venues[0].api_key: is empty"));
    }
}
