using System.Globalization;
using System.Text;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Time;

namespace Hft.Backtest.Reports;

/// <summary>
/// Keeps every order change and fill of a run, in the order the local side saw them, and writes them as
/// <c>orders.csv</c> and <c>fills.csv</c>. Numbers are written in invariant round-trip form, so two runs of
/// the same backtest give byte-identical files.
/// </summary>
public sealed class TradeJournal : ITradeJournal
{
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly StringBuilder _orders = new();
    private readonly StringBuilder _fills = new();

    /// <summary>Creates an empty journal for the run's instruments.</summary>
    public TradeJournal(IReadOnlyList<Instrument> instruments)
    {
        _instruments = instruments;
        _orders.Append("local_time,local_time_iso,symbol,order_id,side,price,quantity,leaves_quantity,status,request,time_in_force,type,exch_time,reason\n");
        _fills.Append("local_time,exch_time,local_time_iso,symbol,order_id,side,price,quantity,fee,maker,position\n");
    }

    /// <summary>Order rows written so far.</summary>
    public long OrderRows { get; private set; }

    /// <summary>Fill rows written so far.</summary>
    public long FillRows { get; private set; }

    /// <inheritdoc />
    public void OnOrder(Order order, long localTime)
    {
        OrderRows++;
        var c = CultureInfo.InvariantCulture;
        _orders.Append(localTime.ToString(c)).Append(',').Append(Nanos.Format(localTime)).Append(',')
            .Append(_instruments[order.Instrument].Symbol).Append(',').Append(order.Id.ToString(c)).Append(',')
            .Append(order.Side == Side.Buy ? "buy" : "sell").Append(',').Append(Num(order.Price)).Append(',')
            .Append(Num(order.Quantity)).Append(',').Append(Num(order.LeavesQuantity)).Append(',')
            .Append(order.Status.ToString().ToLowerInvariant()).Append(',').Append(order.Request.ToString().ToLowerInvariant()).Append(',')
            .Append(order.TimeInForce.ToString().ToLowerInvariant()).Append(',').Append(order.Type.ToString().ToLowerInvariant()).Append(',')
            .Append(order.ExchangeTime.ToString(c)).Append(',').Append(Csv(order.RejectReason)).Append('\n');
    }

    /// <inheritdoc />
    public void OnFill(Fill fill)
    {
        FillRows++;
        var c = CultureInfo.InvariantCulture;
        _fills.Append(fill.LocalTime.ToString(c)).Append(',').Append(fill.ExchangeTime.ToString(c)).Append(',')
            .Append(Nanos.Format(fill.LocalTime)).Append(',').Append(_instruments[fill.Instrument].Symbol).Append(',')
            .Append(fill.OrderId.ToString(c)).Append(',').Append(fill.Side == Side.Buy ? "buy" : "sell").Append(',')
            .Append(Num(fill.Price)).Append(',').Append(Num(fill.Quantity)).Append(',').Append(Num(fill.Fee)).Append(',')
            .Append(fill.Maker ? "true" : "false").Append(',').Append(Num(fill.PositionAfter)).Append('\n');
    }

    /// <summary>Writes <c>orders.csv</c> and <c>fills.csv</c> into <paramref name="directory"/> (created if needed).</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, "orders.csv"), _orders.ToString(), utf8);
        File.WriteAllText(Path.Combine(directory, "fills.csv"), _fills.ToString(), utf8);
    }

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string? text) =>
        string.IsNullOrEmpty(text) ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
