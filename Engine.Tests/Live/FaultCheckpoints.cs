using System.Text.Json;
using Hft.Core.Markets;
using Hft.Engine.Live;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The rounds of a book-under-faults run, the same on every venue: let the faulty stream run, hold the venue's replay,
/// and once the engine has caught up (synced at the venue's last update id) compare the top <see cref="Levels"/>
/// levels. Rounds go on until <see cref="Checkpoints"/> are compared and more than <see cref="MinFrames"/> frames
/// reached the engine: on a loaded machine (CI) a run can spend its first rounds reconnecting, and then it takes more
/// rounds, not a weaker check.
/// </summary>
internal static class FaultCheckpoints
{
    public const int Levels = 20;
    public const int Checkpoints = 5;
    public const int MinFrames = 1000;

    /// <summary>Runs the rounds; <paramref name="beforePause"/> (given the round's number) may arm more faults. Returns checkpoints compared and rounds run.</summary>
    public static async Task<(int Compared, int Rounds)> Run(LiveSession session, Instrument instrument, int seed,
        Func<string, Task> faults, Func<int, Task<JsonElement>> state, Func<int, Task>? beforePause = null)
    {
        int compared = 0, rounds = 0;
        while ((compared < Checkpoints || session.Gateway.Frames <= MinFrames) && rounds++ < Checkpoints * 8)
        {
            await Task.Delay(700);
            if (beforePause is not null) await beforePause(rounds);
            await faults("""{"pause_ms":1500}""");
            if (await CaughtUp(state, session)) BookLevels.AssertEqual(await state(Levels), session.Books[0], instrument, $"seed {seed}, checkpoint {++compared}");
            // Let the pause end before the next round of updates and faults.
            await Task.Delay(900);
        }
        return (compared, rounds);
    }

    /// <summary>Waits (within the venue's pause) until the engine's book is synced at the venue's last update id.</summary>
    private static async Task<bool> CaughtUp(Func<int, Task<JsonElement>> state, LiveSession session)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 1200)
        {
            long venueId = (await state(1)).GetProperty("last_update_id").GetInt64();
            var (synced, engineId) = session.Gateway.Book(0);
            if (synced && engineId == venueId) return true;
            await Task.Delay(25);
        }
        return false;
    }
}
