using Hft.Backtest.Data;
using Hft.Engine.Config;

namespace Hft.Engine.Cli;

/// <summary>Turns the errors a user can cause (bad files, bad options) into one line on standard error and exit code 1.</summary>
internal static class CliFailure
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (OperationCanceledException ex)
        {
            // Ctrl-C before there was anything to report.
            Console.Error.WriteLine($"interrupted: {ex.Message}");
            return 130;
        }
        catch (ConfigException ex)
        {
            // Every problem of the file, one per line in the file:line:col form that check prints too.
            foreach (var problem in ex.Problems) Console.Error.WriteLine(problem);
            Console.Error.WriteLine($"error: the configuration has {ex.Problems.Count} problem{(ex.Problems.Count == 1 ? "" : "s")}");
            return 1;
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("HFT_DEBUG") == "1") Console.Error.WriteLine(ex);
            return 2;
        }
    }

    private static bool IsUserError(Exception ex) => ex is EventFileException or InvalidDataException or FormatException
        or Hft.Backtest.Data.Validation.MarketByOrderDataException
        or ArgumentException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
        or Hft.Backtest.Runs.BacktestFailedException;
}
