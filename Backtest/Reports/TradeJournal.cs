using System.Runtime.CompilerServices;
using System.Text;
using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Backtest.Reports;

/// <summary>
/// Keeps every order change and fill of a run, in the order the local side saw them, as <c>orders.csv</c> and
/// <c>fills.csv</c>. Numbers are written in invariant round-trip form, so two runs of the same backtest give
/// byte-identical files. Rows are formatted straight into UTF-8 buffers (no allocation per row); they either
/// accumulate in memory until <see cref="WriteTo"/>, or, made with <see cref="Open"/>, stream to the files as the
/// run goes so memory stays bounded.
/// </summary>
public sealed class TradeJournal : ITradeJournal, IDisposable
{
    private const string OrdersHeader = "local_time,local_time_iso,symbol,order_id,side,price,quantity,leaves_quantity,status,request,time_in_force,type,exch_time,reason\n";
    private const string FillsHeader = "local_time,exch_time,local_time_iso,symbol,order_id,side,price,quantity,fee,maker,position\n";
    private static readonly byte[] Buy = "buy"u8.ToArray();
    private static readonly byte[] Sell = "sell"u8.ToArray();
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();

    private readonly byte[][] _symbols;
    private readonly MemoryStream? _ordersMemory;
    private readonly MemoryStream? _fillsMemory;
    private readonly Utf8RowWriter _orders;
    private readonly Utf8RowWriter _fills;
    private bool _completed;

    /// <summary>Creates an empty journal for the run's instruments, kept in memory until <see cref="WriteTo"/>.</summary>
    public TradeJournal(IReadOnlyList<Instrument> instruments)
    {
        _symbols = Symbols(instruments);
        _ordersMemory = new MemoryStream();
        _fillsMemory = new MemoryStream();
        _orders = new Utf8RowWriter(_ordersMemory, ownsStream: false);
        _fills = new Utf8RowWriter(_fillsMemory, ownsStream: false);
        _orders.Text(OrdersHeader);
        _fills.Text(FillsHeader);
    }

    private TradeJournal(IReadOnlyList<Instrument> instruments, string directory)
    {
        _symbols = Symbols(instruments);
        Directory.CreateDirectory(directory);
        _orders = new Utf8RowWriter(Create(Path.Combine(directory, "orders.csv")));
        try
        {
            _fills = new Utf8RowWriter(Create(Path.Combine(directory, "fills.csv")));
        }
        catch
        {
            _orders.Dispose();
            throw;
        }
        _orders.Text(OrdersHeader);
        _fills.Text(FillsHeader);
    }

    /// <summary>
    /// Creates a journal that streams to <c>orders.csv</c> and <c>fills.csv</c> in <paramref name="directory"/>
    /// (created if needed) through buffers; <see cref="Complete"/> or <see cref="Dispose"/> finishes the files.
    /// </summary>
    public static TradeJournal Open(IReadOnlyList<Instrument> instruments, string directory) => new(instruments, directory);

    private static FileStream Create(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);

    private static byte[][] Symbols(IReadOnlyList<Instrument> instruments) =>
        instruments.Select(i => Encoding.UTF8.GetBytes(i.Symbol)).ToArray();

    /// <summary>Order rows written so far.</summary>
    public long OrderRows { get; private set; }

    /// <summary>Fill rows written so far.</summary>
    public long FillRows { get; private set; }

    /// <inheritdoc />
    public void OnOrder(Order order, long localTime)
    {
        OrderRows++;
        var w = _orders;
        w.Long(localTime).Char(',').IsoTime(localTime).Char(',')
            .Bytes(_symbols[order.Instrument]).Char(',').ULong(order.Id).Char(',')
            .Bytes(order.Side == Side.Buy ? Buy : Sell).Char(',').Double(order.Price).Char(',')
            .Double(order.Quantity).Char(',').Double(order.LeavesQuantity).Char(',')
            .Bytes(LowerName<OrderStatus>.Of(order.Status)).Char(',').Bytes(LowerName<OrderRequest>.Of(order.Request)).Char(',')
            .Bytes(LowerName<TimeInForce>.Of(order.TimeInForce)).Char(',').Bytes(LowerName<OrderType>.Of(order.Type)).Char(',')
            .Long(order.ExchangeTime).Char(',');
        if (!string.IsNullOrEmpty(order.RejectReason)) w.Text("\"" + order.RejectReason.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        w.EndRow();
    }

    /// <inheritdoc />
    public void OnFill(Fill fill)
    {
        FillRows++;
        _fills.Long(fill.LocalTime).Char(',').Long(fill.ExchangeTime).Char(',')
            .IsoTime(fill.LocalTime).Char(',').Bytes(_symbols[fill.Instrument]).Char(',')
            .ULong(fill.OrderId).Char(',').Bytes(fill.Side == Side.Buy ? Buy : Sell).Char(',')
            .Double(fill.Price).Char(',').Double(fill.Quantity).Char(',').Double(fill.Fee).Char(',')
            .Bytes(fill.Maker ? True : False).Char(',').Double(fill.PositionAfter).EndRow();
    }

    /// <summary>Writes <c>orders.csv</c> and <c>fills.csv</c> into <paramref name="directory"/> (created if needed); for a journal kept in memory.</summary>
    public void WriteTo(string directory)
    {
        if (_ordersMemory is null || _fillsMemory is null) throw new InvalidOperationException("This journal streams to its files; use Complete.");
        Directory.CreateDirectory(directory);
        _orders.Flush();
        _fills.Flush();
        File.WriteAllBytes(Path.Combine(directory, "orders.csv"), _ordersMemory.ToArray());
        File.WriteAllBytes(Path.Combine(directory, "fills.csv"), _fillsMemory.ToArray());
    }

    /// <summary>Finishes a streaming journal's files (flushes and closes them); a journal in memory only flushes.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            _orders.Dispose();
        }
        finally
        {
            _fills.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Complete();

    // Lower-case names of a one-byte enum, encoded once: what value.ToString().ToLowerInvariant() gives.
    private static class LowerName<T> where T : struct, Enum
    {
        private static readonly byte[][] Names = Enumerable.Range(0, 256)
            .Select(b => Encoding.UTF8.GetBytes(Enum.ToObject(typeof(T), (byte)b).ToString()!.ToLowerInvariant()))
            .ToArray();

        public static byte[] Of(T value) => Names[Unsafe.As<T, byte>(ref value)];
    }
}
