namespace Hft.Engine.Sweeps;

/// <summary>One run of a sweep: its place in grid order and one value per swept parameter (in parameter order).</summary>
internal sealed record SweepPoint(int Index, IReadOnlyList<string> Values);
