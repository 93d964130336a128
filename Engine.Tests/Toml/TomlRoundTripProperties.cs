using FsCheck;
using FsCheck.Fluent;
using Hft.Core.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>
/// Property: for any document, <c>Parse(Write(doc))</c> equals <c>doc</c>. The generator covers every
/// value kind, nested and inline tables, arrays of tables, mixed arrays, and keys that need quoting.
/// </summary>
public sealed class TomlRoundTripProperties
{
    private const int Cases = 300;

    [Test]
    public void Parse_of_Write_gives_back_the_document()
    {
        var property = Prop.ForAll(Arb.From(TomlGenerators.Document(depth: 3)), doc =>
        {
            var text = TomlWriter.Write(doc);
            TomlTable parsed;
            try
            {
                parsed = TomlParser.Parse(text, "written.toml");
            }
            catch (TomlException e)
            {
                throw new AssertionException($"writer produced TOML the parser rejects: {e.Message}\n{text}");
            }
            return parsed.Equals(doc).Label($"round trip changed the document; written text:\n{text}\nre-written:\n{TomlWriter.Write(parsed)}");
        });
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Test]
    public void Writing_is_deterministic_after_a_round_trip()
    {
        var property = Prop.ForAll(Arb.From(TomlGenerators.Document(depth: 3)), doc =>
        {
            var text = TomlWriter.Write(doc);
            return TomlWriter.Write(TomlParser.Parse(text)) == text;
        });
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Test]
    public void Generator_produces_every_kind_of_value()
    {
        // Guards the properties above against a generator that silently stopped covering something.
        var kinds = new HashSet<TomlValueKind>();
        var sawTableArray = false;
        var sawQuotedKey = false;
        foreach (var doc in TomlGenerators.Document(depth: 3).Sample(200))
        {
            Walk(doc);
        }
        Assert.Multiple(() =>
        {
            Assert.That(kinds, Is.EquivalentTo(Enum.GetValues<TomlValueKind>()));
            Assert.That(sawTableArray, Is.True, "no array of tables generated");
            Assert.That(sawQuotedKey, Is.True, "no key needing quotes generated");
        });

        void Walk(TomlValue value)
        {
            kinds.Add(value.Kind);
            switch (value)
            {
                case TomlTable table:
                    foreach (var (key, child) in table)
                    {
                        sawQuotedKey |= TomlWriter.Write(new TomlTable { [key] = new TomlInteger(0) }).StartsWith('"');
                        Walk(child);
                    }
                    break;
                case TomlArray array:
                    sawTableArray |= array.Count > 0 && array.All(v => v is TomlTable);
                    foreach (var child in array)
                        Walk(child);
                    break;
            }
        }
    }
}
