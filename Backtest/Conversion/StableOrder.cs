namespace Hft.Backtest.Conversion;

/// <summary>
/// Stable argsort of 64-bit keys: the indexes <c>0..n-1</c> ordered by key, equal keys by index. This is what
/// numpy's <c>argsort(kind='mergesort')</c> returns, which hftbacktest's event-order correction relies on.
/// </summary>
/// <remarks>
/// <see cref="Array.Sort{TKey,TValue}(TKey[],TValue[])"/> is an introsort and not stable, so after it every run of
/// equal keys has its indexes re-sorted ascending; that makes the result exactly the stable order. Runs are short in
/// market data (the rows of one message), so the fix-up is linear in practice. Already-ordered keys (the local
/// timestamps of a recording, which is written in receive order) are detected in one pass and not sorted at all.
/// </remarks>
public static class StableOrder
{
    /// <summary>
    /// Orders <paramref name="keys"/> (which is sorted in place) and returns the permutation, or null if the keys were
    /// already in order, meaning the identity: index <c>i</c> at position <c>i</c>.
    /// </summary>
    public static int[]? Sort(long[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (IsOrdered(keys)) return null;
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        int start = 0;
        for (int i = 1; i <= keys.Length; i++)
        {
            if (i < keys.Length && keys[i] == keys[start]) continue;
            if (i - start > 1) Array.Sort(order, start, i - start);
            start = i;
        }
        return order;
    }

    private static bool IsOrdered(ReadOnlySpan<long> keys)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] < keys[i - 1]) return false;
        }
        return true;
    }
}
