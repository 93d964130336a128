using System.Collections.Immutable;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The streams one socket is subscribed to and its <c>combined</c> property. Changed by the socket's reader,
/// read by the venue's publisher: the set is immutable and swapped whole, so reading needs no lock.
/// </summary>
public sealed class StreamSubscriptions
{
    private ImmutableHashSet<string> _streams = ImmutableHashSet<string>.Empty;
    private ImmutableList<string> _order = ImmutableList<string>.Empty;
    private readonly object _lock = new();

    /// <summary>Starts with <paramref name="streams"/>; <paramref name="combined"/> wraps frames as <c>{"stream","data"}</c>.</summary>
    public StreamSubscriptions(IEnumerable<string> streams, bool combined)
    {
        Combined = combined;
        Add(streams);
    }

    /// <summary>True if frames are wrapped.</summary>
    public bool Combined { get; set; }

    /// <summary>True if subscribed to the (canonical) stream.</summary>
    public bool Contains(string stream) => Volatile.Read(ref _streams).Contains(stream);

    /// <summary>Subscribes (names are made canonical).</summary>
    public void Add(IEnumerable<string> streams)
    {
        lock (_lock)
        {
            foreach (string s in streams.Select(StreamRouting.Canonical).Where(s => s.Length > 0))
            {
                if (_streams.Contains(s)) continue;
                _streams = _streams.Add(s);
                _order = _order.Add(s);
            }
        }
    }

    /// <summary>Unsubscribes.</summary>
    public void Remove(IEnumerable<string> streams)
    {
        lock (_lock)
        {
            foreach (string s in streams.Select(StreamRouting.Canonical))
            {
                _streams = _streams.Remove(s);
                _order = _order.Remove(s);
            }
        }
    }

    /// <summary>The subscriptions in the order made.</summary>
    public IReadOnlyList<string> List() => Volatile.Read(ref _order);
}
