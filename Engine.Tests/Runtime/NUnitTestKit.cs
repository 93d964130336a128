using Akka.Actor;
using Akka.TestKit;

namespace Hft.Engine.Tests.Runtime;

/// <summary>Akka.TestKit's assertions on NUnit (the registry serves no NUnit flavour of the test kit).</summary>
internal sealed class NUnitAssertions : ITestKitAssertions
{
    public void Fail(string format = "", params object[] args) => Assert.Fail(Format(format, args));

    public void AssertTrue(bool condition, string format = "", params object[] args) => Assert.That(condition, Is.True, Format(format, args));

    public void AssertFalse(bool condition, string format = "", params object[] args) => Assert.That(condition, Is.False, Format(format, args));

    public void AssertEqual<T>(T expected, T actual, string format = "", params object[] args) =>
        Assert.That(actual, Is.EqualTo(expected), Format(format, args));

    public void AssertEqual<T>(T expected, T actual, Func<T, T, bool> comparer, string format = "", params object[] args) =>
        Assert.That(comparer(expected, actual), Is.True, $"expected {expected}, got {actual}. {Format(format, args)}");

    public Exception AssertThrows(Action action) => Assert.Throws(Is.InstanceOf<Exception>(), () => action())!;

    public TException AssertThrows<TException>(Action action) where TException : Exception => Assert.Throws<TException>(() => action())!;

    public async Task<Exception> AssertThrowsAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            return e;
        }
        Assert.Fail("expected an exception");
        throw new InvalidOperationException("unreachable");
    }

    public async Task<TException> AssertThrowsAsync<TException>(Func<Task> action) where TException : Exception
    {
        var e = await AssertThrowsAsync(action);
        Assert.That(e, Is.InstanceOf<TException>());
        return (TException)e;
    }

    private static string Format(string format, object[] args) => args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
}

/// <summary>Akka.TestKit (probes, expectations) over an existing actor system, asserting through NUnit.</summary>
internal sealed class NUnitTestKit(ActorSystem system) : TestKitBase(new NUnitAssertions(), system);
