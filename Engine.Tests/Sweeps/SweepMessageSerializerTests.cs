using System.Runtime.Serialization;
using Akka.Actor;
using FsCheck;
using FsCheck.Fluent;
using Hft.Engine.Sweeps.Cluster;

namespace Hft.Engine.Tests.Sweeps;

/// <summary>The cluster sweep's messages through their own serializer, as Akka picks it for them.</summary>
public sealed class SweepMessageSerializerTests
{
    private static ActorSystem? s_system;

    [OneTimeSetUp]
    public void Start() => s_system = ActorSystem.Create("sweep-serialization", SweepClusterConfig.Serialization);

    [OneTimeTearDown]
    public void Stop() => s_system?.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static T RoundTrip<T>(T message) where T : ISweepClusterMessage
    {
        var serialization = s_system!.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        Assert.That(serializer, Is.InstanceOf<SweepMessageSerializer>(), "Akka must pick the sweep serializer, not its JSON default");
        var bytes = serializer.ToBinary(message);
        string manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (T)serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }

    [Test]
    public void Every_message_comes_back_field_for_field()
    {
        var spec = RoundTrip(new SweepSpec("s1", "/data/sweep config.toml", new string('a', 64), new string('b', 64), ["grid_num=2..16:2", "x=é,ü"], null, 64));
        Assert.That((spec.SweepId, spec.Config, spec.ConfigDigest, spec.DataDigest, spec.Plugins, spec.Runs),
            Is.EqualTo(("s1", "/data/sweep config.toml", new string('a', 64), new string('b', 64), (string?)null, 64)));
        Assert.That(spec.Parameters, Is.EqualTo(new[] { "grid_num=2..16:2", "x=é,ü" }));
        Assert.That(RoundTrip(new SweepSpec("s", "c", "d", "e", [], "/plugins", 0)).Plugins, Is.EqualTo("/plugins"));
        Assert.That(RoundTrip(new SweepSpecRequest()), Is.InstanceOf<SweepSpecRequest>());
        Assert.That(RoundTrip(new JobRequest("s2")).SweepId, Is.EqualTo("s2"));
        Assert.That(RoundTrip(new JobOffer("s3", 41)), Is.EqualTo(new JobOffer("s3", 41)));
        Assert.That(RoundTrip(new SweepFinished("s4")), Is.EqualTo(new SweepFinished("s4")));
        Assert.That(RoundTrip(new WorkerRefused("s5", "the event files differ")), Is.EqualTo(new WorkerRefused("s5", "the event files differ")));
        var failed = RoundTrip(new JobResult("s6", 7, [], [], "run failed: no data"));
        Assert.That((failed.Index, failed.Keys.Count, failed.Values.Count, failed.Error), Is.EqualTo((7, 0, 0, "run failed: no data")));
    }

    [Test]
    public void A_row_comes_back_exactly_as_written_whatever_its_text()
    {
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<NonNull<string>>()).ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (cells, index) =>
        {
            var keys = cells.Select((c, i) => "k" + i + c.Get).ToArray();
            var values = cells.Select(c => c.Get).ToArray();
            var back = RoundTrip(new JobResult("sweep", index, keys, values, null));
            return back.Index == index && back.Keys.SequenceEqual(keys) && back.Values.SequenceEqual(values) && back.Error is null;
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void Cut_or_unknown_bytes_are_refused_not_misread()
    {
        var serializer = (SweepMessageSerializer)s_system!.Serialization.FindSerializerForType(typeof(JobResult));
        var bytes = serializer.ToBinary(new JobResult("sweep", 3, ["pnl"], ["1.5"], null));
        Assert.That(() => serializer.FromBinary(bytes[..^3], "result"), Throws.InstanceOf<SerializationException>().With.Message.Contains("cut short"));
        Assert.That(() => serializer.FromBinary([.. bytes, 0], "result"), Throws.InstanceOf<SerializationException>().With.Message.Contains("left over"));
        Assert.That(() => serializer.FromBinary(bytes, "nosuch"), Throws.InstanceOf<SerializationException>().With.Message.Contains("nosuch"));
        // A list said to hold two billion items in a few bytes is refused before anything is allocated for it.
        using var forged = new MemoryStream();
        using (var w = new BinaryWriter(forged, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write("sweep");
            w.Write(3);
            w.Write(int.MaxValue);
        }
        Assert.That(() => serializer.FromBinary(forged.ToArray(), "result"), Throws.InstanceOf<SerializationException>().With.Message.Contains("2147483647 items"));
        Assert.That(() => serializer.ToBinary("not a sweep message"), Throws.ArgumentException);
    }
}
