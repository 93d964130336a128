using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when a book stays crossed, or out of sync with the venue (a gap not yet resynced), longer than a set time.</summary>
public sealed class BookIntegrityBreaker(long maxDuration) : ICircuitBreaker
{
    private long[] _badSince = [];

    /// <inheritdoc />
    public string Name => "book_integrity";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        if (_badSince.Length != inputs.Books.Count)
        {
            _badSince = new long[inputs.Books.Count];
            Array.Fill(_badSince, long.MinValue);
        }
        for (int i = 0; i < inputs.Books.Count; i++)
        {
            var book = inputs.Books[i];
            bool crossed = book.HasBothSides && book.BestBidTick >= book.BestAskTick;
            bool unsynced = inputs.Venue is { } venue && !venue.IsBookSynced(i);
            if (!crossed && !unsynced)
            {
                _badSince[i] = long.MinValue;
                continue;
            }
            if (_badSince[i] == long.MinValue) _badSince[i] = inputs.Now;
            long duration = inputs.Now - _badSince[i];
            if (duration > maxDuration)
                return string.Create(CultureInfo.InvariantCulture,
                    $"{inputs.Accounts[i].Instrument.Symbol}: book {(crossed ? $"crossed (bid {book.BestBid} >= ask {book.BestAsk})" : "out of sync")} for {duration / 1e6:0.#} ms (limit {maxDuration / 1e6:0.#} ms)");
        }
        return null;
    }
}
