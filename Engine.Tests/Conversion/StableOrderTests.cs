using Hft.Backtest.Conversion;

namespace Hft.Engine.Tests.Conversion;

public sealed class StableOrderTests
{
    [Test]
    public void Ordered_keys_give_null_meaning_identity()
    {
        Assert.That(StableOrder.Sort([1, 1, 2, 5, 5, 9]), Is.Null);
        Assert.That(StableOrder.Sort([]), Is.Null);
    }

    [Test]
    public void Equal_keys_keep_their_original_order()
    {
        long[] keys = [5, 3, 5, 3, 1, 5];
        Assert.That(StableOrder.Sort(keys), Is.EqualTo(new[] { 4, 1, 3, 0, 2, 5 }));
        Assert.That(keys, Is.EqualTo(new long[] { 1, 3, 3, 5, 5, 5 }));
    }

    [TestCase(1, 100)]
    [TestCase(2, 10_000)]
    [TestCase(3, 200_000)]
    public void Matches_a_stable_sort_on_random_keys_with_many_ties(int seed, int count)
    {
        var random = new Random(seed);
        // Few distinct values (lots of ties, long runs) plus a large-value region.
        long[] keys = Enumerable.Range(0, count)
            .Select(_ => random.Next(4) == 0 ? long.MaxValue - random.Next(3) : (long)random.Next(count / 10 + 1) - count / 20)
            .ToArray();
        int[] expected = Enumerable.Range(0, count).OrderBy(i => keys[i]).ToArray(); // LINQ OrderBy is stable

        Assert.That(StableOrder.Sort((long[])keys.Clone()), Is.EqualTo(expected));
    }
}
