using Hft.Backtest.Conversion;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Conversion;

public sealed class EventOrderValidationTests
{
    private const ulong Depth = EventFlags.Depth | EventFlags.Buy;

    private static MarketEvent Row(ulong sides, long exchange, long local) => new(sides | Depth, exchange, local, 1, 1);

    [Test]
    public void Ordered_timelines_pass_even_when_one_sided_rows_go_back_on_the_other_timeline()
    {
        // The EXCH-only row has a local time earlier than the LOCAL rows around it: only its exchange time counts.
        var rows = new[]
        {
            Row(EventFlags.Both, 10, 100),
            Row(EventFlags.Exchange, 11, 50),
            Row(EventFlags.Local, 5, 101),
            Row(EventFlags.Both, 11, 101),
        };
        Assert.DoesNotThrow(() => EventOrderValidation.Validate(rows));
    }

    [Test]
    public void Exchange_time_going_back_is_reported_with_the_row()
    {
        var rows = new[] { Row(EventFlags.Both, 10, 100), Row(EventFlags.Local, 1, 101), Row(EventFlags.Exchange, 9, 90) };
        var e = Assert.Throws<InvalidDataException>(() => EventOrderValidation.Validate(rows))!;
        Assert.That(e.Message, Is.EqualTo(
            "exchange events are out of order: row 2 (EXCH|BUY|DEPTH) has exch_ts 9, earlier than 10 of row 0, the previous EXCH row"));
    }

    [Test]
    public void Local_time_going_back_is_reported_with_the_row()
    {
        var rows = new[] { Row(EventFlags.Both, 10, 100), Row(EventFlags.Both, 11, 99) };
        var e = Assert.Throws<InvalidDataException>(() => EventOrderValidation.Validate(rows))!;
        Assert.That(e.Message, Is.EqualTo(
            "local events are out of order: row 1 (EXCH|LOCAL|BUY|DEPTH) has local_ts 99, earlier than 100 of row 0, the previous LOCAL row"));
    }

    [Test]
    public void Rows_are_numbered_across_pieces()
    {
        var validation = new EventOrderValidation();
        validation.Check([Row(EventFlags.Both, 10, 100), Row(EventFlags.Both, 12, 102)]);
        var e = Assert.Throws<InvalidDataException>(() => validation.Check([Row(EventFlags.Both, 13, 103), Row(EventFlags.Exchange, 11, 0)]))!;
        Assert.That(e.Message, Does.StartWith("exchange events are out of order: row 3 "));
        Assert.That(e.Message, Does.EndWith("earlier than 13 of row 2, the previous EXCH row"));
    }

    [Test]
    public void Rows_with_neither_side_are_not_checked()
    {
        var rows = new[] { Row(EventFlags.Both, 10, 100), Row(0, 1, 1), Row(EventFlags.Both, 10, 100) };
        Assert.DoesNotThrow(() => EventOrderValidation.Validate(rows));
    }
}
