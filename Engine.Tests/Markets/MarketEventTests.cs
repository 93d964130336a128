using System.Runtime.CompilerServices;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Markets;

public sealed class MarketEventTests
{
    [Test]
    public void Layout_is_hftbacktest_64_bytes()
    {
        Assert.That(Unsafe.SizeOf<MarketEvent>(), Is.EqualTo(64));
    }

    [Test]
    public void Is_matches_bits_and_exact_kind()
    {
        var ev = new MarketEvent(EventFlags.Both | EventFlags.Buy | EventFlags.Depth, 1, 2, 100, 1);
        Assert.Multiple(() =>
        {
            Assert.That(ev.Is(EventFlags.Exchange | EventFlags.Buy | EventFlags.Depth), Is.True);
            Assert.That(ev.Is(EventFlags.Local | EventFlags.Sell | EventFlags.Depth), Is.False);
            // DEPTH_CLEAR (3) shares bit 0 with DEPTH (1) but is a different kind.
            Assert.That(ev.Is(EventFlags.Exchange | EventFlags.DepthClear), Is.False);
            Assert.That(ev.Is(EventFlags.Exchange), Is.True);
            Assert.That(ev.Flags, Is.EqualTo(3758096385UL));
        });
    }
}
