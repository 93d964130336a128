namespace Hft.Engine.Shadow;

/// <summary>The share of diverged orders among the latest compared ones (a fixed-size ring: no allocation per order).</summary>
internal sealed class DivergenceWindow
{
    private readonly bool[] _diverged;
    private int _next, _count, _divergedCount;

    /// <summary>A window over the latest <paramref name="size"/> orders.</summary>
    public DivergenceWindow(int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "the divergence window holds at least one order");
        _diverged = new bool[size];
    }

    /// <summary>Diverged orders in the window over orders in it (0 while it is empty).</summary>
    public double Share => _count == 0 ? 0 : (double)_divergedCount / _count;

    /// <summary>Adds the latest compared order, pushing out the oldest once full.</summary>
    public void Add(bool diverged)
    {
        if (_count == _diverged.Length)
        {
            if (_diverged[_next]) _divergedCount--;
        }
        else
        {
            _count++;
        }
        _diverged[_next] = diverged;
        if (diverged) _divergedCount++;
        _next = (_next + 1) % _diverged.Length;
    }
}
