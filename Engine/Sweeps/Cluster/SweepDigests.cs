using System.Security.Cryptography;
using Hft.Engine.Config;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>SHA-256 digests that tell whether a worker node's configuration and data are the coordinator's.</summary>
internal static class SweepDigests
{
    /// <summary>The digest of the file at <paramref name="path"/>.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// The digest of every event file and starting snapshot of <paramref name="settings"/>'s instruments, in
    /// configuration order (each file's own digest, then its length, so that moving bytes between files shows).
    /// </summary>
    public static string OfData(EngineSettings settings)
    {
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var instrument in settings.Instruments)
        {
            var files = instrument.InitialSnapshot is { } snapshot ? instrument.Data.Prepend(snapshot) : instrument.Data;
            foreach (var file in files)
            {
                all.AppendData(Convert.FromHexString(OfFile(file)));
                all.AppendData(BitConverter.GetBytes(new FileInfo(file).Length));
            }
        }
        return Convert.ToHexStringLower(all.GetHashAndReset());
    }
}
