namespace Hft.Exchanges.Emulators.Common;

/// <summary>What the sending side of a socket does with one frame, decided once per frame for every socket.</summary>
public enum FrameFault : byte
{
    /// <summary>Sent once, in order.</summary>
    None,
    /// <summary>Sent twice in a row.</summary>
    Duplicate,
    /// <summary>Held back and sent after the next frame.</summary>
    Reorder,
}
