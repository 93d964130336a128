using Hft.Core.Books;
using Hft.Core.Portfolio;

namespace Hft.Core.Risk.Breakers;

/// <summary>What the breakers look at, brought up to date by the risk actor before each check (one instance a run).</summary>
public sealed class BreakerInputs
{
    /// <summary>Inputs over <paramref name="accounts"/> and <paramref name="books"/> (by instrument).</summary>
    public BreakerInputs(TradingAccounts accounts, IReadOnlyList<MarketDepth> books, IVenueHealth? venue)
    {
        Accounts = accounts;
        Books = books;
        Venue = venue;
        _marks = new double[accounts.Count];
        Array.Fill(_marks, double.NaN);
    }

    private readonly double[] _marks;
    private long _day = long.MinValue;

    /// <summary>Positions, orders and the venue's answers.</summary>
    public TradingAccounts Accounts { get; }

    /// <summary>The local books.</summary>
    public IReadOnlyList<MarketDepth> Books { get; }

    /// <summary>The live venue's connection, or null in a backtest.</summary>
    public IVenueHealth? Venue { get; }

    /// <summary>The loop clock's time of this check, ns.</summary>
    public long Now { get; private set; }

    /// <summary>When the breakers started watching (a book never updated counts as stale from then).</summary>
    public long Start { get; private set; } = long.MinValue;

    /// <summary>Total equity now, each instrument marked at its last known mid (NaN until every book had one).</summary>
    public double Equity { get; private set; } = double.NaN;

    /// <summary>The highest <see cref="Equity"/> seen since the start or the last reset.</summary>
    public double PeakEquity { get; private set; } = double.NaN;

    /// <summary><see cref="Equity"/> at the first check of the current UTC day (or at the last reset).</summary>
    public double DayStartEquity { get; private set; } = double.NaN;

    /// <summary>The slowest venue answer since the previous check, ns.</summary>
    public long SlowestAnswer { get; private set; }

    /// <summary>The last divergence the shadow model reported (NaN: none).</summary>
    public double Divergence { get; set; } = double.NaN;

    /// <summary>Brings the inputs to <paramref name="now"/>.</summary>
    public void Update(long now)
    {
        Now = now;
        if (Start == long.MinValue) Start = now;
        SlowestAnswer = Accounts.OrderFlow.TakeSlowestAnswer();
        double equity = 0;
        for (int i = 0; i < Accounts.Count; i++)
        {
            var book = Books[i];
            if (book.HasBothSides) _marks[i] = book.MidPrice;
            equity += Accounts[i].State.Equity(Accounts[i].Instrument, _marks[i]);
        }
        Equity = equity;
        if (double.IsNaN(equity)) return;
        if (double.IsNaN(PeakEquity) || equity > PeakEquity) PeakEquity = equity;
        long day = Math.DivRem(now, NanosPerDay, out long rest) - (rest < 0 ? 1 : 0);
        if (day != _day || double.IsNaN(DayStartEquity))
        {
            _day = day;
            DayStartEquity = equity;
        }
    }

    /// <summary>After a reset: the loss and drawdown are counted again from the equity now.</summary>
    public void Rebase()
    {
        PeakEquity = Equity;
        DayStartEquity = Equity;
    }

    private const long NanosPerDay = 86_400_000_000_000;
}
