using System.Globalization;
using System.Text;

namespace Hft.Exchanges.Binance.Common;

/// <summary>A query string built in the order the parameters are added (the order the signature covers), values URL-encoded.</summary>
public sealed class BinanceQuery
{
    private readonly StringBuilder _text = new();

    /// <summary>Adds <paramref name="name"/>=<paramref name="value"/>.</summary>
    public BinanceQuery Add(string name, string value)
    {
        if (_text.Length > 0) _text.Append('&');
        _text.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Adds an integer parameter.</summary>
    public BinanceQuery Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
