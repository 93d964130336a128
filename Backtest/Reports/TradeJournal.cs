using System.Runtime.CompilerServices;
using System.Text;
using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Backtest.Reports;

/// <summary>
/// Keeps every order change and fill of a run, in the order the local side saw them, as <c>orders.csv</c> and
/// <c>fills.csv</c>. Numbers are written in invariant round-trip form, so two runs of the same backtest give
/// byte-identical files. Made with the constructor, the rows accumulate in memory until <see cref="WriteTo"/>;
/// made with <see cref="Open"/>, each order change is copied (a small struct) and formatted and written on a
/// writer thread as the run goes, so memory stays bounded and the core loop does not format numbers.
/// </summary>
public sealed class TradeJournal : ITradeJournal, IDisposable
{
    private const string OrdersHeader = "local_time,local_time_iso,symbol,order_id,side,price,quantity,leaves_quantity,status,request,time_in_force,type,exch_time,reason\n";
    private const string FillsHeader = "local_time,exch_time,local_time_iso,symbol,order_id,side,price,quantity,fee,maker,position\n";
    private static readonly byte[] Buy = "buy"u8.ToArray();
    private static readonly byte[] Sell = "sell"u8.ToArray();
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();

    /// <summary>An order as it was when it changed: the journal's copy, safe to format later on another thread.</summary>
    private readonly record struct OrderRow(long LocalTime, int Instrument, ulong Id, Side Side, double Price, double Quantity,
        double LeavesQuantity, OrderStatus Status, OrderRequest Request, TimeInForce TimeInForce, OrderType Type, long ExchangeTime, string? Reason);

    private readonly byte[][] _symbols;
    private readonly MemoryStream? _ordersMemory;
    private readonly MemoryStream? _fillsMemory;
    private readonly RowSink<OrderRow> _orders;
    private readonly RowSink<Fill> _fills;
    private bool _completed;

    /// <summary>Creates an empty journal for the run's instruments, kept in memory until <see cref="WriteTo"/>.</summary>
    public TradeJournal(IReadOnlyList<Instrument> instruments)
    {
        _symbols = Symbols(instruments);
        _ordersMemory = new MemoryStream();
        _fillsMemory = new MemoryStream();
        _orders = new RowSink<OrderRow>(Header(new Utf8RowWriter(_ordersMemory, ownsStream: false), OrdersHeader), FormatOrder, "orders.csv", background: false);
        _fills = new RowSink<Fill>(Header(new Utf8RowWriter(_fillsMemory, ownsStream: false), FillsHeader), FormatFill, "fills.csv", background: false);
    }

    private TradeJournal(IReadOnlyList<Instrument> instruments, string directory)
    {
        _symbols = Symbols(instruments);
        Directory.CreateDirectory(directory);
        string orders = Path.Combine(directory, "orders.csv"), fills = Path.Combine(directory, "fills.csv");
        _orders = new RowSink<OrderRow>(Header(new Utf8RowWriter(Create(orders)), OrdersHeader), FormatOrder, orders);
        try
        {
            // Fills are few: formatted at once.
            _fills = new RowSink<Fill>(Header(new Utf8RowWriter(Create(fills)), FillsHeader), FormatFill, fills, background: false);
        }
        catch
        {
            _orders.Dispose();
            throw;
        }
        Prime();
    }

    // Formats made-up rows into nothing before the run, so their code is compiled at start-up (see DecimalFormat.Prime).
    private void Prime()
    {
        DecimalFormat.Prime();
        using (var w = new Utf8RowWriter(Stream.Null))
        {
            FormatOrder(w, new OrderRow(1_723_075_200_100_000_000, 0, 29790, Side.Sell, 297.90000000000003, 1, 1, OrderStatus.New, OrderRequest.Canceled,
                TimeInForce.Gtx, OrderType.Limit, 1_723_075_200_099_000_000, "a \"reason\""));
            FormatFill(w, new Fill(0, 29790, Side.Buy, 297.9, 1, -0.014895, true, 1_723_075_200_099_000_000, 1_723_075_200_100_000_000, 1));
        }
        _orderTime = long.MinValue;
    }

    /// <summary>
    /// Creates a journal that streams to <c>orders.csv</c> and <c>fills.csv</c> in <paramref name="directory"/>
    /// (created if needed); <see cref="Complete"/> finishes the files.
    /// </summary>
    public static TradeJournal Open(IReadOnlyList<Instrument> instruments, string directory) => new(instruments, directory);

    private static FileStream Create(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);

    // The header is written out at once: the file's write path then runs before the replay starts, not first mid-run.
    private static Utf8RowWriter Header(Utf8RowWriter w, string header)
    {
        w.Text(header).Flush();
        return w;
    }

    private static byte[][] Symbols(IReadOnlyList<Instrument> instruments) =>
        instruments.Select(i => Encoding.UTF8.GetBytes(i.Symbol)).ToArray();

    /// <summary>Order rows written so far.</summary>
    public long OrderRows { get; private set; }

    /// <summary>Fill rows written so far.</summary>
    public long FillRows { get; private set; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnOrder(Order order, long localTime)
    {
        OrderRows++;
        _orders.Add(new OrderRow(localTime, order.Instrument, order.Id, order.Side, order.Price, order.Quantity, order.LeavesQuantity,
            order.Status, order.Request, order.TimeInForce, order.Type, order.ExchangeTime, order.RejectReason));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnFill(Fill fill)
    {
        FillRows++;
        _fills.Add(fill);
    }

    // Order changes come in bursts at one time (a grid requoting): "local_time,local_time_iso," is formatted once per time.
    private long _orderTime = long.MinValue;
    private readonly byte[] _orderTimeBytes = new byte[64];
    private int _orderTimeLength;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FormatOrder(Utf8RowWriter w, in OrderRow o)
    {
        if (o.LocalTime != _orderTime)
        {
            var span = _orderTimeBytes.AsSpan();
            o.LocalTime.TryFormat(span, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
            span[n++] = (byte)',';
            DecimalFormat.TryFormatIso(o.LocalTime, span[n..], out int m);
            n += m;
            span[n++] = (byte)',';
            _orderTimeLength = n;
            _orderTime = o.LocalTime;
        }
        w.Bytes(_orderTimeBytes.AsSpan(0, _orderTimeLength))
            .Bytes(_symbols[o.Instrument]).Char(',').ULong(o.Id).Char(',')
            .Bytes(o.Side == Side.Buy ? Buy : Sell).Char(',').Double(o.Price).Char(',')
            .Double(o.Quantity).Char(',').Double(o.LeavesQuantity).Char(',')
            .Bytes(LowerName<OrderStatus>.Of(o.Status)).Char(',').Bytes(LowerName<OrderRequest>.Of(o.Request)).Char(',')
            .Bytes(LowerName<TimeInForce>.Of(o.TimeInForce)).Char(',').Bytes(LowerName<OrderType>.Of(o.Type)).Char(',')
            .Long(o.ExchangeTime).Char(',');
        if (!string.IsNullOrEmpty(o.Reason)) w.Text("\"" + o.Reason.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        w.EndRow();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FormatFill(Utf8RowWriter w, in Fill fill)
    {
        w.Long(fill.LocalTime).Char(',').Long(fill.ExchangeTime).Char(',')
            .IsoTime(fill.LocalTime).Char(',').Bytes(_symbols[fill.Instrument]).Char(',')
            .ULong(fill.OrderId).Char(',').Bytes(fill.Side == Side.Buy ? Buy : Sell).Char(',')
            .Double(fill.Price).Char(',').Double(fill.Quantity).Char(',').Double(fill.Fee).Char(',')
            .Bytes(fill.Maker ? True : False).Char(',').Double(fill.PositionAfter).EndRow();
    }

    /// <summary>Writes <c>orders.csv</c> and <c>fills.csv</c> into <paramref name="directory"/> (created if needed); for a journal kept in memory.</summary>
    public void WriteTo(string directory)
    {
        if (_ordersMemory is null || _fillsMemory is null) throw new InvalidOperationException("This journal streams to its files; use Complete.");
        Complete();
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "orders.csv"), _ordersMemory.ToArray());
        File.WriteAllBytes(Path.Combine(directory, "fills.csv"), _fillsMemory.ToArray());
    }

    /// <summary>Writes everything out and closes the files; throws an <see cref="IOException"/> if a write failed.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        try
        {
            _orders.Complete();
        }
        finally
        {
            _fills.Complete();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _orders.Dispose();
        _fills.Dispose();
    }

    // Lower-case names of a one-byte enum, encoded once: what value.ToString().ToLowerInvariant() gives.
    private static class LowerName<T> where T : struct, Enum
    {
        private static readonly byte[][] Names = Enumerable.Range(0, 256)
            .Select(b => Encoding.UTF8.GetBytes(Enum.ToObject(typeof(T), (byte)b).ToString()!.ToLowerInvariant()))
            .ToArray();

        public static byte[] Of(T value) => Names[Unsafe.As<T, byte>(ref value)];
    }
}
