using System.Runtime.InteropServices;

namespace Hft.Backtest.Models.Latency;

/// <summary>
/// One recorded order round trip in hftbacktest's 32-byte layout (<c>req_ts, exch_ts, resp_ts, _padding</c>):
/// when the request was sent, when the exchange processed it (0 or less: it rejected or failed), and when the
/// response arrived.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public readonly record struct OrderLatencyRow(long RequestTime, long ExchangeTime, long ResponseTime, long Padding = 0);
