using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// Writes the cluster sweep's messages as small binary records (length-prefixed UTF-8 strings and 32-bit integers),
/// named by a short manifest. Akka's default serializer (Newtonsoft JSON) does not round-trip every type, and a row
/// must arrive exactly as the worker wrote it, so these messages never go through it.
/// </summary>
internal sealed class SweepMessageSerializer : SerializerWithStringManifest
{
    private const string SpecRequestManifest = "spec?";
    private const string SpecManifest = "spec";
    private const string JobRequestManifest = "job?";
    private const string JobOfferManifest = "job";
    private const string ResultManifest = "result";
    private const string FinishedManifest = "finished";
    private const string RefusedManifest = "refused";

    /// <summary>Akka makes the serializer with its system.</summary>
    public SweepMessageSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    /// <summary>The id written beside each message (unique among the system's serializers).</summary>
    public override int Identifier => 4113;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        SweepSpecRequest => SpecRequestManifest,
        SweepSpec => SpecManifest,
        JobRequest => JobRequestManifest,
        JobOffer => JobOfferManifest,
        JobResult => ResultManifest,
        SweepFinished => FinishedManifest,
        WorkerRefused => RefusedManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not a sweep message"),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            switch (obj)
            {
                case SweepSpecRequest:
                    break;
                case SweepSpec s:
                    w.Write(s.SweepId);
                    w.Write(s.Config);
                    w.Write(s.ConfigDigest);
                    w.Write(s.DataDigest);
                    WriteList(w, s.Parameters);
                    WriteOptional(w, s.Plugins);
                    w.Write(s.Runs);
                    break;
                case JobRequest r:
                    w.Write(r.SweepId);
                    break;
                case JobOffer o:
                    w.Write(o.SweepId);
                    w.Write(o.Index);
                    break;
                case JobResult r:
                    w.Write(r.SweepId);
                    w.Write(r.Index);
                    WriteList(w, r.Keys);
                    WriteList(w, r.Values);
                    WriteOptional(w, r.Error);
                    break;
                case SweepFinished f:
                    w.Write(f.SweepId);
                    break;
                case WorkerRefused r:
                    w.Write(r.SweepId);
                    w.Write(r.Reason);
                    break;
                default:
                    throw new ArgumentException($"{obj.GetType()} is not a sweep message");
            }
        }
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return Read(bytes, manifest);
        }
        catch (EndOfStreamException)
        {
            throw new SerializationException($"sweep message '{manifest}': cut short at {bytes.Length} bytes");
        }
    }

    private static object Read(byte[] bytes, string manifest)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        object message = manifest switch
        {
            SpecRequestManifest => new SweepSpecRequest(),
            SpecManifest => new SweepSpec(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), ReadList(r), ReadOptional(r), r.ReadInt32()),
            JobRequestManifest => new JobRequest(r.ReadString()),
            JobOfferManifest => new JobOffer(r.ReadString(), r.ReadInt32()),
            ResultManifest => new JobResult(r.ReadString(), r.ReadInt32(), ReadList(r), ReadList(r), ReadOptional(r)),
            FinishedManifest => new SweepFinished(r.ReadString()),
            RefusedManifest => new WorkerRefused(r.ReadString(), r.ReadString()),
            _ => throw new SerializationException($"unknown sweep message manifest '{manifest}'"),
        };
        if (r.BaseStream.Position != bytes.Length)
            throw new SerializationException($"sweep message '{manifest}': {bytes.Length - r.BaseStream.Position} bytes left over");
        return message;
    }

    private static void WriteList(BinaryWriter w, IReadOnlyList<string> items)
    {
        w.Write(items.Count);
        foreach (var item in items) w.Write(item);
    }

    private static string[] ReadList(BinaryReader r)
    {
        int count = r.ReadInt32();
        // A count past what the bytes could hold is a corrupt message, not a reason to allocate gigabytes.
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
            throw new SerializationException($"sweep message: a list of {count} items in {r.BaseStream.Length} bytes");
        var items = new string[count];
        for (int i = 0; i < count; i++) items[i] = r.ReadString();
        return items;
    }

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
