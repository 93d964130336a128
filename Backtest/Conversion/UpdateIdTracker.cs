namespace Hft.Backtest.Conversion;

/// <summary>
/// Follows one depth stream's update ids and records where they break. Binance futures chain messages by
/// <c>pu</c> (each names the previous message's <c>u</c>); Binance spot and Bybit number them consecutively (a
/// message's first id is the previous last id + 1). The first message of a stream, or the first after
/// <see cref="Restart"/>, has nothing to continue from.
/// </summary>
public sealed class UpdateIdTracker
{
    /// <summary>Gaps kept with their times; more are only counted.</summary>
    public const int KeptGaps = 1000;

    private readonly List<UpdateIdGap> _gaps = new();

    /// <summary>A tracker of the stream called <paramref name="name"/>.</summary>
    public UpdateIdTracker(string name = "depth") => Name = name;

    /// <summary>The stream's name (a topic such as <c>orderbook.50</c>, or <c>depth</c>).</summary>
    public string Name { get; }
    private bool _hasLast;
    private long _last;

    /// <summary>Messages whose ids were checked against the one before.</summary>
    public long Checked { get; private set; }

    /// <summary>Messages without ids (nothing to check).</summary>
    public long WithoutIds { get; private set; }

    /// <summary>Every gap found.</summary>
    public long GapCount { get; private set; }

    /// <summary>The first <see cref="KeptGaps"/> gaps, in input order.</summary>
    public IReadOnlyList<UpdateIdGap> Gaps => _gaps;

    /// <summary>Takes the next message of the stream.</summary>
    public void Next(in DepthUpdateIds ids)
    {
        if (!ids.HasIds)
        {
            WithoutIds++;
            return;
        }
        if (_hasLast)
        {
            Checked++;
            long expected = ids.HasPreviousId ? _last : _last + 1;
            long found = ids.HasPreviousId ? ids.PreviousId : ids.FirstId;
            if (found != expected)
            {
                GapCount++;
                if (_gaps.Count < KeptGaps) _gaps.Add(new UpdateIdGap(ids.LocalTime, ids.ExchangeTime, expected, found));
            }
        }
        _hasLast = true;
        _last = ids.LastId;
    }

    /// <summary>Forgets the last id: the next message starts afresh (a Bybit snapshot restarts its stream).</summary>
    public void Restart() => _hasLast = false;
}
